package dev.weakstream.core;

/**
 * The majority-vote baseline: each covering source adds one vote to its class (a soft vote adds its
 * probability vector); the label is the class with most votes.
 *
 * <p>Tie policy: the probabilities are the vote shares, so tied classes get equal probability, and
 * the label is chosen among the tied classes by {@link TieBreak} on the row's key — WRENCH's rule,
 * which makes a record's label deterministic. Uncovered rows get the uniform distribution, a label
 * chosen the same way among all classes, and {@code covered=false}.
 *
 * <p>Immutable and thread-safe.
 */
public final class MajorityVote implements Labeler {

  public static final String NAME = "mv";

  private final int numClasses;

  public MajorityVote(int numClasses) {
    if (numClasses < 2) {
      throw new IllegalArgumentException("numClasses must be at least 2, was " + numClasses);
    }
    this.numClasses = numClasses;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String version() {
    return "1";
  }

  @Override
  public int numClasses() {
    return numClasses;
  }

  @Override
  public Prediction predict(VoteRow row) {
    double[] counts = new double[numClasses];
    double total = 0;
    for (int j = 0; j < row.size(); j++) {
      double[] soft = row.softVote(j);
      if (soft != null) {
        for (int k = 0; k < numClasses; k++) {
          counts[k] += soft[k];
        }
        total += 1;
      } else if (row.votes()[j] != LabelingFunction.ABSTAIN) {
        counts[row.votes()[j]] += 1;
        total += 1;
      }
    }
    boolean covered = total > 0;
    double[] probabilities = new double[numClasses];
    for (int k = 0; k < numClasses; k++) {
      probabilities[k] = covered ? counts[k] / total : 1.0 / numClasses;
    }
    int label = TieBreak.argmax(probabilities, row.tieKey());
    return new Prediction(probabilities, label, probabilities[label], covered);
  }
}
