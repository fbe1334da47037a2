package dev.weakstream.labelmodel;

/**
 * A score of predicted labels against gold labels, as a fraction in [0, 1]. Named in pipeline files
 * ({@code label_model.selection_metric}) and reports by its {@link #key()}.
 */
public enum Metric {
  /** Fraction of rows labelled correctly. */
  ACCURACY("accuracy"),
  /**
   * F1 of class 1 (the positive class of a binary task); 0 when nothing is predicted or gold
   * positive.
   */
  F1_POSITIVE("f1");

  private final String key;

  Metric(String key) {
    this.key = key;
  }

  /** The metric's name in pipeline files and reports: {@code accuracy} or {@code f1}. */
  public String key() {
    return key;
  }

  public double score(int[] gold, int[] predicted) {
    if (gold.length != predicted.length || gold.length == 0) {
      throw new IllegalArgumentException(
          "need equally many gold and predicted labels, at least one");
    }
    if (this == ACCURACY) {
      int correct = 0;
      for (int i = 0; i < gold.length; i++) {
        correct += gold[i] == predicted[i] ? 1 : 0;
      }
      return correct / (double) gold.length;
    }
    int tp = 0;
    int fp = 0;
    int fn = 0;
    for (int i = 0; i < gold.length; i++) {
      boolean g = gold[i] == 1;
      boolean p = predicted[i] == 1;
      tp += g && p ? 1 : 0;
      fp += !g && p ? 1 : 0;
      fn += g && !p ? 1 : 0;
    }
    return tp == 0 ? 0.0 : 2.0 * tp / (2.0 * tp + fp + fn);
  }
}
