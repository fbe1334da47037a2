package dev.weakstream.training;

import dev.weakstream.student.HashedFeaturizer;
import dev.weakstream.student.HashingConfig;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The training and gold rows of one training call, featurized once (in parallel: featurization has
 * no state) and then only read by every candidate of the grid.
 *
 * @param train the training rows, in the order given
 * @param gold the gold rows, in the order given
 * @param goldLabels the gold class of each gold row
 */
record FeaturizedExamples(FeaturizedRow[] train, FeaturizedRow[] gold, int[] goldLabels) {

  /**
   * Featurizes the rows as a student of {@code config} sees them: hashed n-grams when the config
   * has a hashing config, the embedding for embedding students.
   */
  static FeaturizedExamples of(
      StudentTrainerConfig config, List<SoftLabeledExample> train, List<GoldExample> gold) {
    HashingConfig hashing = config.hashing();
    HashedFeaturizer featurizer = hashing == null ? null : new HashedFeaturizer(hashing);
    boolean dense = config.kind() == StudentKind.EMBEDDING;
    FeaturizedRow[] trainRows =
        featurize(
            train.size(),
            i -> train.get(i).text(),
            i -> train.get(i).embedding(),
            featurizer,
            dense);
    FeaturizedRow[] goldRows =
        featurize(
            gold.size(), i -> gold.get(i).text(), i -> gold.get(i).embedding(), featurizer, dense);
    int[] goldLabels = gold.stream().mapToInt(GoldExample::label).toArray();
    return new FeaturizedExamples(trainRows, goldRows, goldLabels);
  }

  boolean hasGold() {
    return gold.length > 0;
  }

  private static FeaturizedRow[] featurize(
      int n,
      IntFunction<String> text,
      IntFunction<float[]> embedding,
      HashedFeaturizer featurizer,
      boolean dense) {
    FeaturizedRow[] out = new FeaturizedRow[n];
    IntStream.range(0, n)
        .parallel()
        .forEach(
            i ->
                out[i] =
                    new FeaturizedRow(
                        featurizer == null ? null : featurizer.featurize(text.apply(i)),
                        dense ? embedding.apply(i) : null));
    return out;
  }
}
