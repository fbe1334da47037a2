package dev.weakstream.teacher;

import java.util.Arrays;

/**
 * Multinomial logistic regression with an L2 penalty (bias not penalised) and per-row weights,
 * fitted by Nesterov-accelerated gradient descent with adaptive restart. The objective is strongly
 * convex, so the fit is deterministic and independent of initialisation (which is zero).
 *
 * <p>Immutable once fitted; thread-safe.
 */
public final class LogisticRegression {

  private final int numClasses;
  private final int dim;

  /** Row-major [numClasses][dim + 1]; the last column is the bias. */
  private final double[] w;

  private LogisticRegression(int numClasses, int dim, double[] w) {
    this.numClasses = numClasses;
    this.dim = dim;
    this.w = w;
  }

  /**
   * Fits the model.
   *
   * @param x rows of features (all of the same length)
   * @param y gold class per row
   * @param weight weight per row (e.g. class-balancing)
   * @param lambda L2 penalty on the weights (objective: weighted mean NLL + lambda/2 ||W||^2)
   */
  public static LogisticRegression fit(
      float[][] x, int[] y, double[] weight, int numClasses, double lambda, int maxIterations) {
    int n = x.length;
    int d = x[0].length;
    int p = d + 1;
    double maxNorm = 0;
    double weightSum = 0;
    double maxWeight = 0;
    for (int i = 0; i < n; i++) {
      double s = 1;
      for (float v : x[i]) {
        s += (double) v * v;
      }
      maxNorm = Math.max(maxNorm, s);
      weightSum += weight[i];
      maxWeight = Math.max(maxWeight, weight[i]);
    }
    double lipschitz = 0.5 * maxNorm * maxWeight * n / weightSum + lambda;
    double step = 1 / lipschitz;
    double[] current = new double[numClasses * p];
    double[] previous = current.clone();
    double[] look = current.clone();
    double[] grad = new double[numClasses * p];
    double t = 1;
    double previousLoss = Double.POSITIVE_INFINITY;
    for (int it = 0; it < maxIterations; it++) {
      double loss = gradient(x, y, weight, weightSum, numClasses, lambda, look, grad);
      double[] next = new double[current.length];
      double gnorm = 0;
      for (int i = 0; i < next.length; i++) {
        next[i] = look[i] - step * grad[i];
        gnorm += grad[i] * grad[i];
      }
      if (Math.sqrt(gnorm) < 1e-7) {
        current = next;
        break;
      }
      if (loss > previousLoss) { // adaptive restart (O'Donoghue & Candes)
        t = 1;
      }
      previousLoss = loss;
      double tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
      double momentum = (t - 1) / tNext;
      previous = current;
      current = next;
      for (int i = 0; i < look.length; i++) {
        look[i] = current[i] + momentum * (current[i] - previous[i]);
      }
      t = tNext;
    }
    return new LogisticRegression(numClasses, d, current);
  }

  private static double gradient(
      float[][] x,
      int[] y,
      double[] weight,
      double weightSum,
      int k,
      double lambda,
      double[] w,
      double[] grad) {
    int p = x[0].length + 1;
    Arrays.fill(grad, 0);
    double loss = 0;
    double[] z = new double[k];
    for (int i = 0; i < x.length; i++) {
      logits(w, k, x[i], z);
      dev.weakstream.core.Softmax.inPlace(z);
      double wi = weight[i] / weightSum;
      loss -= wi * Math.log(Math.max(z[y[i]], 1e-300));
      for (int c = 0; c < k; c++) {
        double g = wi * (z[c] - (c == y[i] ? 1 : 0));
        int off = c * p;
        float[] xi = x[i];
        for (int j = 0; j < xi.length; j++) {
          grad[off + j] += g * xi[j];
        }
        grad[off + p - 1] += g;
      }
    }
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < p - 1; j++) {
        double v = w[c * p + j];
        grad[c * p + j] += lambda * v;
        loss += 0.5 * lambda * v * v;
      }
    }
    return loss;
  }

  private static void logits(double[] w, int k, float[] x, double[] z) {
    int p = x.length + 1;
    for (int c = 0; c < k; c++) {
      int off = c * p;
      double s = w[off + p - 1];
      for (int j = 0; j < x.length; j++) {
        s += w[off + j] * x[j];
      }
      z[c] = s;
    }
  }

  /** Unnormalised class scores of one row. */
  public double[] logits(float[] x) {
    if (x.length != dim) {
      throw new IllegalArgumentException("expected " + dim + " features, got " + x.length);
    }
    double[] z = new double[numClasses];
    logits(w, numClasses, x, z);
    return z;
  }

  public int numClasses() {
    return numClasses;
  }

  /** A hash of the parameters, for versions. */
  public int parameterHash() {
    return Arrays.hashCode(w);
  }
}
