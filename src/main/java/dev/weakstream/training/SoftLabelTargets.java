package dev.weakstream.training;

import java.util.Arrays;
import java.util.List;

/**
 * What SGD fits at one label temperature: every training row's sharpened soft label and its weight
 * in the loss (the row's own weight times, with class weighting, {@code sum_c q_c w_c} where {@code
 * w_c = N / (C * soft mass of c)}).
 *
 * <p>Label temperature: a label model can be well ranked but badly calibrated (e.g. every uncertain
 * row at 0.45), where the argmax teaches more than the probabilities; so each temperature of the
 * grid is a candidate like an L2.
 *
 * @param labels per training row, the sharpened soft label (the row's own array at temperature 1)
 * @param weights per training row, its weight in the loss
 */
record SoftLabelTargets(double[][] labels, double[] weights) {

  /** The targets of {@code train} at {@code temperature}. */
  static SoftLabelTargets of(
      List<SoftLabeledExample> train, double temperature, int numClasses, boolean classWeighting) {
    double[][] labels = new double[train.size()][];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = sharpen(train.get(i).probabilities(), temperature);
    }
    double[] classWeights = classWeights(train, labels, numClasses, classWeighting);
    double[] weights = new double[labels.length];
    for (int i = 0; i < labels.length; i++) {
      double w = 0;
      for (int j = 0; j < numClasses; j++) {
        w += labels[i][j] * classWeights[j];
      }
      weights[i] = train.get(i).weight() * w;
    }
    return new SoftLabelTargets(labels, weights);
  }

  /**
   * The soft label at temperature {@code t}: {@code q_c^(1/t)} renormalised; 1 leaves it as given,
   * 0 is the one-hot argmax (a tie for the top stays split evenly among the tied classes).
   */
  static double[] sharpen(double[] q, double t) {
    if (t == 1) {
      return q;
    }
    double[] out = new double[q.length];
    if (t == 0) {
      double max = Arrays.stream(q).max().orElseThrow();
      int ties = 0;
      for (double v : q) {
        ties += v == max ? 1 : 0;
      }
      for (int j = 0; j < q.length; j++) {
        out[j] = q[j] == max ? 1.0 / ties : 0;
      }
      return out;
    }
    double sum = 0;
    for (int j = 0; j < q.length; j++) {
      out[j] = Math.pow(q[j], 1 / t);
      sum += out[j];
    }
    for (int j = 0; j < q.length; j++) {
      out[j] /= sum;
    }
    return out;
  }

  /** {@code N / (C * soft mass of c)} per class, or all 1 without class weighting. */
  private static double[] classWeights(
      List<SoftLabeledExample> train, double[][] targets, int numClasses, boolean classWeighting) {
    double[] w = new double[numClasses];
    Arrays.fill(w, 1);
    if (!classWeighting) {
      return w;
    }
    double[] mass = new double[numClasses];
    double total = 0;
    for (int i = 0; i < targets.length; i++) {
      SoftLabeledExample e = train.get(i);
      for (int j = 0; j < numClasses; j++) {
        mass[j] += e.weight() * targets[i][j];
      }
      total += e.weight();
    }
    for (int j = 0; j < numClasses; j++) {
      w[j] = mass[j] > 0 ? total / (numClasses * mass[j]) : 1;
    }
    return w;
  }
}
