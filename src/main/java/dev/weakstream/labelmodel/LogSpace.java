package dev.weakstream.labelmodel;

import dev.weakstream.core.Softmax;

/** Log-space arithmetic shared by fitting and scoring. */
final class LogSpace {

  private LogSpace() {}

  /**
   * Turns log-scores into probabilities in place (a softmax, shifted by the maximum for stability)
   * and returns the log of the sum of their exponentials.
   */
  static double normalizeInPlace(double[] scores) {
    return Softmax.inPlace(scores);
  }
}
