package dev.weakstream.student;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Linear students with seeded random weights, standing in for trained ones in tests. */
public final class RandomStudents {

  public static final HashingConfig HASHING = new HashingConfig(18, 1, 2, 3, 5);

  private RandomStudents() {}

  /**
   * A student with a hashed part over {@link #HASHING} (when {@code hashed}) and a dense part of
   * width {@code embeddingDim}, weights drawn from N(0, scale²).
   */
  public static LinearStudent of(
      long seed, List<String> classes, boolean hashed, int embeddingDim, double scale) {
    Random random = new Random(seed);
    int c = classes.size();
    float[] sparse = new float[hashed ? HASHING.dimension() * c : 0];
    for (int i = 0; i < sparse.length; i++) {
      sparse[i] = (float) (random.nextGaussian() * scale);
    }
    float[] dense = new float[embeddingDim * c];
    for (int i = 0; i < dense.length; i++) {
      dense[i] = (float) (random.nextGaussian() * scale);
    }
    float[] bias = new float[c];
    for (int j = 0; j < c; j++) {
      bias[j] = (float) (random.nextGaussian() * 0.1);
    }
    Map<String, String> provenance = new LinkedHashMap<>();
    provenance.put("trainer.config", "{\"l2\":0.001,\"epochs\":5}");
    provenance.put("seed", String.valueOf(seed));
    provenance.put("shards", "shard-00001,shard-00002");
    provenance.put("label_model.version", "ds-7");
    provenance.put("teacher.version", "minilm-fewshot-3");
    provenance.put("metrics.gold_accuracy", "0.91");
    provenance.put("code.version", "test");
    return new LinearStudent(
        embeddingDim > 0 && !hashed ? "embedding" : "hashed",
        classes,
        hashed ? HASHING : null,
        embeddingDim,
        sparse,
        dense,
        bias,
        provenance);
  }
}
