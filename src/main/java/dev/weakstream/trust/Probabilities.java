package dev.weakstream.trust;

/** Checks and small operations on probability vectors shared by this package. Stateless. */
final class Probabilities {

  /** Tolerance of a probability vector's sum. */
  static final double SUM_TOLERANCE = 1e-6;

  private Probabilities() {}

  /** A copy of {@code p} after checking it has {@code k} entries in [0, 1] summing to 1. */
  static double[] checked(double[] p, int k, String where) {
    if (p == null || p.length != k || k < 2) {
      throw new IllegalArgumentException(
          where
              + ": expected "
              + Math.max(k, 2)
              + " class probabilities, got "
              + (p == null ? "none" : p.length));
    }
    double sum = 0;
    for (double v : p) {
      if (!(v >= 0) || v > 1 + SUM_TOLERANCE) {
        throw new IllegalArgumentException(where + ": probability " + v + " is outside [0, 1]");
      }
      sum += v;
    }
    if (Math.abs(sum - 1) > SUM_TOLERANCE) {
      throw new IllegalArgumentException(where + ": probabilities sum to " + sum + ", not 1");
    }
    return p.clone();
  }

  /** The first index of the largest entry. */
  static int argmax(double[] p) {
    int best = 0;
    for (int c = 1; c < p.length; c++) {
      if (p[c] > p[best]) {
        best = c;
      }
    }
    return best;
  }
}
