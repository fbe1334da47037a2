package dev.weakstream.labelmodel;

/** Log-space arithmetic shared by fitting and scoring. */
final class LogSpace {

  private LogSpace() {}

  /**
   * Turns log-scores into probabilities in place (a softmax, shifted by the maximum for stability) and
   * returns the log of the sum of their exponentials.
   */
  static double normalizeInPlace(double[] scores) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : scores) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (int y = 0; y < scores.length; y++) {
      scores[y] = Math.exp(scores[y] - max);
      sum += scores[y];
    }
    for (int y = 0; y < scores.length; y++) {
      scores[y] /= sum;
    }
    return max + Math.log(sum);
  }
}
