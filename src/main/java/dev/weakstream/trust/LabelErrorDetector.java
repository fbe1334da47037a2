package dev.weakstream.trust;

import java.util.Arrays;

/**
 * Flags records whose weak label is likely wrong, confident-learning style, with per-class
 * thresholds from a {@link LabelErrorThresholds} snapshot.
 *
 * <p>For a record with weak label i and out-of-sample probabilities p̂ (from a model that did not
 * see the record): the classes it "confidently" belongs to are {@code C = {j : p̂_j >= t_j}}; its
 * confident class is the most probable class in C (ties: the lower id); it is flagged, with that
 * class as the suspected one, when that class is not i. This is the off-diagonal of Northcutt et
 * al.'s confident joint, computed per record so it can run in a stream at O(classes).
 *
 * <p>A record whose weak label has no threshold yet (too few records of that class observed) is
 * {@link LabelCheck.NotAssessed}; a class without a threshold cannot be suspected.
 *
 * <p>Immutable and thread-safe.
 */
public final class LabelErrorDetector {

  private final double[] thresholds;
  private final String version;

  LabelErrorDetector(double[] thresholds, String version) {
    this.thresholds = thresholds.clone();
    this.version = version;
  }

  /** The per-class thresholds (NaN where a class has none yet). */
  public double[] thresholds() {
    return thresholds.clone();
  }

  /** The version of the thresholds' state this snapshot was taken from. */
  public String version() {
    return version;
  }

  public int numClasses() {
    return thresholds.length;
  }

  /** Checks one record. */
  public LabelCheck check(int weakLabel, double[] outOfSample) {
    double[] p = Probabilities.checked(outOfSample, thresholds.length, "out-of-sample");
    if (weakLabel < 0 || weakLabel >= thresholds.length) {
      throw new IllegalArgumentException("weak label " + weakLabel + " is not a class id");
    }
    if (Double.isNaN(thresholds[weakLabel])) {
      return new LabelCheck.NotAssessed(weakLabel);
    }
    int confident = -1;
    for (int j = 0; j < p.length; j++) {
      if (!Double.isNaN(thresholds[j])
          && p[j] >= thresholds[j]
          && (confident < 0 || p[j] > p[confident])) {
        confident = j;
      }
    }
    if (confident < 0 || confident == weakLabel) {
      return new LabelCheck.NotFlagged(weakLabel);
    }
    return new LabelCheck.Flagged(weakLabel, confident, p[confident]);
  }

  @Override
  public String toString() {
    return "LabelErrorDetector" + Arrays.toString(thresholds) + "[" + version + "]";
  }
}
