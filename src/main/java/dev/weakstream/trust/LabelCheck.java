package dev.weakstream.trust;

/** What {@link LabelErrorDetector} says about one record's weak label. */
public sealed interface LabelCheck {

  /** The weak label checked. */
  int weakLabel();

  /**
   * The weak label is likely wrong.
   *
   * @param suspectedClass the class the out-of-sample model is confident the record belongs to
   * @param probability that model's probability for the suspected class
   */
  record Flagged(int weakLabel, int suspectedClass, double probability) implements LabelCheck {}

  /** No confident class other than the weak label. */
  record NotFlagged(int weakLabel) implements LabelCheck {}

  /** The weak label's class has no threshold yet (too few records of it seen). */
  record NotAssessed(int weakLabel) implements LabelCheck {}
}
