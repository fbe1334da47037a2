package dev.weakstream.training;

/**
 * One row a student trains on: its text, its soft label and, for embedding students, the teacher
 * embedding. The trainer's in-memory view; the shard files hold the Avro {@code
 * dev.weakstream.avro.TrainingExample} ({@code schemas/TrainingExample.avsc}), from which these
 * rows are built.
 *
 * @param id the record id (for reports only)
 * @param text the text the hashed features come from
 * @param probabilities the soft label: one probability per class, summing to 1
 * @param embedding the teacher embedding, or null (required by embedding students)
 * @param weight how much the row counts (1 = normal, 0 = ignored), e.g. lower for uncovered rows
 */
public record SoftLabeledExample(
    String id, String text, double[] probabilities, float[] embedding, double weight) {

  public SoftLabeledExample {
    if (probabilities == null || probabilities.length < 2) {
      throw new IllegalArgumentException(
          "row " + id + ": a soft label needs at least 2 class probabilities");
    }
    double sum = 0;
    for (double p : probabilities) {
      if (!(p >= 0) || p > 1 + 1e-9) {
        throw new IllegalArgumentException(
            "row " + id + ": probability " + p + " is outside [0, 1]");
      }
      sum += p;
    }
    if (Math.abs(sum - 1) > 1e-6) {
      throw new IllegalArgumentException("row " + id + ": probabilities sum to " + sum + ", not 1");
    }
    if (!(weight >= 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException(
          "row " + id + ": weight must be finite and >= 0, was " + weight);
    }
  }

  /** A row of weight 1. */
  public SoftLabeledExample(String id, String text, double[] probabilities, float[] embedding) {
    this(id, text, probabilities, embedding, 1);
  }

  /** A row whose soft label is all on {@code label} (e.g. a hand-labelled row). */
  public static SoftLabeledExample hard(
      String id, String text, int label, int numClasses, float[] embedding, double weight) {
    double[] p = new double[numClasses];
    p[label] = 1;
    return new SoftLabeledExample(id, text, p, embedding, weight);
  }
}
