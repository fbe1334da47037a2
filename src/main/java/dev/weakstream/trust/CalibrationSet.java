package dev.weakstream.trust;

/**
 * Gold records as a calibrator sees them: for each record the model's class probabilities, the
 * label the model gave it, and the gold class.
 *
 * <p>The arrays are copied in and must not be modified by the caller afterwards; instances are
 * immutable.
 *
 * @param probabilities one probability vector per record, each of {@code numClasses} entries
 *     summing to 1
 * @param labels the model's label per record (its argmax, ties broken as the model breaks them)
 * @param gold the gold class per record
 */
public record CalibrationSet(double[][] probabilities, int[] labels, int[] gold) {

  public CalibrationSet {
    if (probabilities.length != labels.length || labels.length != gold.length) {
      throw new IllegalArgumentException(
          probabilities.length
              + " probability vectors, "
              + labels.length
              + " labels, "
              + gold.length
              + " gold labels: need one of each per record");
    }
    double[][] copy = new double[probabilities.length][];
    int k = probabilities.length == 0 ? 0 : probabilities[0].length;
    for (int i = 0; i < copy.length; i++) {
      copy[i] = Probabilities.checked(probabilities[i], k, "record " + i);
      if (labels[i] < 0 || labels[i] >= k || gold[i] < 0 || gold[i] >= k) {
        throw new IllegalArgumentException(
            "record " + i + ": label " + labels[i] + " / gold " + gold[i] + " is not a class id");
      }
    }
    probabilities = copy;
    labels = labels.clone();
    gold = gold.clone();
  }

  /** Number of gold records. */
  public int size() {
    return labels.length;
  }

  /** Number of classes (0 for an empty set). */
  public int numClasses() {
    return probabilities.length == 0 ? 0 : probabilities[0].length;
  }

  /** The model's confidence in its own label, per record. */
  double[] confidences() {
    double[] out = new double[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = probabilities[i][labels[i]];
    }
    return out;
  }

  /** Whether the model's label is the gold class, per record. */
  boolean[] correct() {
    boolean[] out = new boolean[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = labels[i] == gold[i];
    }
    return out;
  }
}
