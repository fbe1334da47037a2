package dev.weakstream.core;

/**
 * The one numerically stable softmax (shifted by the maximum) that label models, teacher heads and
 * students share. Stateless.
 */
public final class Softmax {

  private Softmax() {}

  /**
   * Turns scores (logits, or log-probabilities up to a constant) into probabilities in place and
   * returns the log of the sum of their exponentials.
   */
  public static double inPlace(double[] scores) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : scores) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (int i = 0; i < scores.length; i++) {
      scores[i] = Math.exp(scores[i] - max);
      sum += scores[i];
    }
    for (int i = 0; i < scores.length; i++) {
      scores[i] /= sum;
    }
    return max + Math.log(sum);
  }
}
