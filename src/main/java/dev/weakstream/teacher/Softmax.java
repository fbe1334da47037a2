package dev.weakstream.teacher;

/** Numerically stable softmax with a temperature. Stateless. */
final class Softmax {

  private Softmax() {}

  /** softmax(logits / temperature), as a new array. */
  static double[] of(double[] logits, double temperature) {
    double[] p = new double[logits.length];
    for (int c = 0; c < p.length; c++) {
      p[c] = logits[c] / temperature;
    }
    dev.weakstream.core.Softmax.inPlace(p);
    return p;
  }

  /** Mean negative log-likelihood of gold labels under softmax(logits / temperature). */
  static double nll(double[][] logits, int[] gold, double temperature) {
    double total = 0;
    for (int i = 0; i < gold.length; i++) {
      total -= Math.log(Math.max(of(logits[i], temperature)[gold[i]], 1e-12));
    }
    return total / gold.length;
  }

  /** The temperature in a log grid (0.005 .. 50) that minimises the NLL of the gold labels. */
  static double fitTemperature(double[][] logits, int[] gold) {
    double best = 1;
    double bestNll = Double.POSITIVE_INFINITY;
    for (double logT = Math.log(0.005);
        logT <= Math.log(50) + 1e-9;
        logT += Math.log(50 / 0.005) / 200) {
      double t = Math.exp(logT);
      double nll = nll(logits, gold, t);
      if (nll < bestNll) {
        bestNll = nll;
        best = t;
      }
    }
    return best;
  }
}
