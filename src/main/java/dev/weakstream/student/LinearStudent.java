package dev.weakstream.student;

import dev.weakstream.core.Softmax;
import java.util.List;
import java.util.Map;

/**
 * A trained linear student, the unit that is exported to ONNX, published and served.
 *
 * <p>{@code logits[c] = bias[c] + sum_k values[k] * sparseWeights[indices[k] * C + c] + sum_d
 * embedding[d] * denseWeights[d * C + c]} and the class probabilities are the softmax of the
 * logits. Either part may be absent: {@code hashing == null} means no sparse part (and an empty
 * {@code sparseWeights}); {@code embeddingDim == 0} means no dense part.
 *
 * @param kind {@code hashed} or {@code embedding} (see {@code StudentDefinition})
 * @param classNames class names in id order; C = their number
 * @param hashing the featurizer's settings, or null without a sparse part
 * @param embeddingDim width of the teacher embedding input, or 0
 * @param sparseWeights row-major [2^bits x C]
 * @param denseWeights row-major [embeddingDim x C]
 * @param bias [C]
 * @param provenance trainer config, seed, shard ids, label model and teacher versions, evaluation
 *     metrics, code version: written to the ONNX {@code metadata_props}
 */
public record LinearStudent(
    String kind,
    List<String> classNames,
    HashingConfig hashing,
    int embeddingDim,
    float[] sparseWeights,
    float[] denseWeights,
    float[] bias,
    Map<String, String> provenance) {

  public LinearStudent {
    classNames = List.copyOf(classNames);
    provenance = Map.copyOf(provenance);
    int c = classNames.size();
    if (bias.length != c) {
      throw new IllegalArgumentException(
          "bias has " + bias.length + " entries for " + c + " classes");
    }
    long sparse = hashing == null ? 0 : (long) hashing.dimension() * c;
    if (sparseWeights.length != sparse) {
      throw new IllegalArgumentException(
          "sparse weights: " + sparseWeights.length + ", expected " + sparse);
    }
    if (denseWeights.length != (long) embeddingDim * c) {
      throw new IllegalArgumentException(
          "dense weights: " + denseWeights.length + ", expected " + (long) embeddingDim * c);
    }
  }

  public int numClasses() {
    return classNames.size();
  }

  /** Class probabilities for one record's features (null embedding without a dense part). */
  public double[] predict(SparseFeatures features, float[] embedding) {
    int c = numClasses();
    double[] logits = new double[c];
    for (int j = 0; j < c; j++) {
      logits[j] = bias[j];
    }
    if (hashing != null && features != null) {
      int[] idx = features.indices();
      float[] val = features.values();
      for (int k = 0; k < idx.length; k++) {
        int row = idx[k] * c;
        for (int j = 0; j < c; j++) {
          logits[j] += (double) val[k] * sparseWeights[row + j];
        }
      }
    }
    if (embeddingDim > 0) {
      for (int d = 0; d < embeddingDim; d++) {
        int row = d * c;
        for (int j = 0; j < c; j++) {
          logits[j] += (double) embedding[d] * denseWeights[row + j];
        }
      }
    }
    Softmax.inPlace(logits);
    return logits;
  }
}
