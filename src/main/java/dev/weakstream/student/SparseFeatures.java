package dev.weakstream.student;

/**
 * The features of one text: distinct slot indices in increasing order, with their values.
 *
 * @param indices slot indices in [0, dimension), strictly increasing
 * @param values one value per index
 */
public record SparseFeatures(int[] indices, float[] values) {

  public SparseFeatures {
    if (indices.length != values.length) {
      throw new IllegalArgumentException(
          indices.length + " indices but " + values.length + " values");
    }
  }

  public int size() {
    return indices.length;
  }
}
