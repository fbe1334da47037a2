package dev.weakstream.training;

import java.util.Arrays;

/**
 * The weights of a linear student while it trains, as {@code scale * stored} (sparse and dense
 * parts; the bias is unscaled), so an L2 decay is one multiplication of {@code scale} per step and
 * an update touches only the row's non-zero features. Written by hand rather than with a linear
 * algebra library: the sparse update with a lazily applied scale is the whole point and is a few
 * loops.
 *
 * <p>Layout: sparse weight of feature {@code k} for class {@code j} at {@code k * C + j}; dense
 * weight of embedding coordinate {@code d} for class {@code j} at {@code d * C + j}.
 *
 * <p>Not thread-safe: one training thread owns it.
 */
final class LinearWeights {

  final double[] sparse;
  final double[] dense;
  final double[] bias;
  private double scale = 1;

  LinearWeights(int sparseSize, int denseSize, int numClasses) {
    this.sparse = new double[sparseSize];
    this.dense = new double[denseSize];
    this.bias = new double[numClasses];
  }

  private LinearWeights(double[] sparse, double[] dense, double[] bias) {
    this.sparse = sparse;
    this.dense = dense;
    this.bias = bias;
  }

  /** Writes the row's logits into {@code out} (length C). */
  void logits(FeaturizedRow row, double[] out) {
    int c = bias.length;
    Arrays.fill(out, 0);
    if (row.features() != null) {
      int[] idx = row.features().indices();
      float[] val = row.features().values();
      for (int k = 0; k < idx.length; k++) {
        int base = idx[k] * c;
        for (int j = 0; j < c; j++) {
          out[j] += val[k] * sparse[base + j];
        }
      }
    }
    if (row.embedding() != null) {
      float[] e = row.embedding();
      for (int d = 0; d < e.length; d++) {
        int base = d * c;
        for (int j = 0; j < c; j++) {
          out[j] += e[d] * dense[base + j];
        }
      }
    }
    for (int j = 0; j < c; j++) {
      out[j] = out[j] * scale + bias[j];
    }
  }

  /** The argmax class of every row (ties: the lower class id). */
  int[] predict(FeaturizedRow[] rows) {
    int c = bias.length;
    int[] out = new int[rows.length];
    double[] logits = new double[c];
    for (int i = 0; i < rows.length; i++) {
      logits(rows[i], logits);
      int best = 0;
      for (int j = 1; j < c; j++) {
        if (logits[j] > logits[best]) {
          best = j;
        }
      }
      out[i] = best;
    }
    return out;
  }

  /** Decays by L2, then moves against {@code gradient} (dLoss/dLogits) on the row's features. */
  void step(FeaturizedRow row, double[] gradient, double lr, double l2) {
    int c = bias.length;
    scale *= 1 - lr * l2;
    if (scale < 1e-6) {
      normalise();
    }
    double factor = lr / scale;
    if (row.features() != null) {
      int[] idx = row.features().indices();
      float[] val = row.features().values();
      for (int k = 0; k < idx.length; k++) {
        int base = idx[k] * c;
        double v = factor * val[k];
        for (int j = 0; j < c; j++) {
          sparse[base + j] -= v * gradient[j];
        }
      }
    }
    if (row.embedding() != null) {
      float[] e = row.embedding();
      for (int d = 0; d < e.length; d++) {
        int base = d * c;
        double v = factor * e[d];
        for (int j = 0; j < c; j++) {
          dense[base + j] -= v * gradient[j];
        }
      }
    }
    for (int j = 0; j < c; j++) {
      bias[j] -= lr * gradient[j];
    }
  }

  /** Folds the scale into the stored weights (scale becomes 1). */
  void normalise() {
    if (scale != 1) {
      for (int i = 0; i < sparse.length; i++) {
        sparse[i] *= scale;
      }
      for (int i = 0; i < dense.length; i++) {
        dense[i] *= scale;
      }
      scale = 1;
    }
  }

  /** this = (1 - fraction) * this + fraction * other; both normalised. */
  void mixIn(LinearWeights other, double fraction) {
    mix(sparse, other.sparse, fraction);
    mix(dense, other.dense, fraction);
    mix(bias, other.bias, fraction);
  }

  private static void mix(double[] into, double[] from, double fraction) {
    for (int i = 0; i < into.length; i++) {
      into[i] += fraction * (from[i] - into[i]);
    }
  }

  /** A normalised copy (normalises this one too). */
  LinearWeights copy() {
    normalise();
    return new LinearWeights(sparse.clone(), dense.clone(), bias.clone());
  }

  /** The values as the float arrays a served student holds. */
  static float[] toFloats(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }
}
