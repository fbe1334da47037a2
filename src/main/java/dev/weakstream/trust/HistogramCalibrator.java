package dev.weakstream.trust;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Top-label histogram binning (Zadrozny and Elkan 2001; the top-label form of Gupta and Ramdas
 * 2022): the gold records' confidence in their own label is cut into equal-mass bins, and a
 * record's confidence is replaced by its bin's accuracy on gold; the other classes share the rest
 * in proportion to their raw probabilities.
 *
 * <p>Binning, not a parametric map, because a label model's confidence need not be a monotone power
 * of its accuracy (docs/trust.md: on WRENCH the posteriors near 0.5 can be right far more often
 * than 50%, the near-certain ones less often than 100%). Choices, all fixed in advance:
 *
 * <ul>
 *   <li>bins: {@code clamp(n / 40, 1, 15)} for n gold records — at least {@value #ROWS_PER_BIN}
 *       records per bin so a bin's accuracy has a standard error of at most about 0.08, at most
 *       {@value #MAX_BINS} (the number of bins ECE is measured with);
 *   <li>equal mass with ties kept together: a label model's probabilities take few distinct values
 *       (one per vote pattern), and records with the same value must land in the same bin; bin
 *       edges are the midpoints between neighbouring distinct confidences;
 *   <li>a bin's value is {@code (correct + m·mean confidence) / (count + m)} with {@code m = }
 *       {@value #PSEUDO_COUNT}: the raw confidence as a prior worth two records, so a small bin is
 *       pulled toward what the model said rather than to 0 or 1.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class HistogramCalibrator implements Calibrator {

  static final int ROWS_PER_BIN = 40;
  static final int MAX_BINS = 15;
  static final double PSEUDO_COUNT = 2;

  private final int numClasses;
  private final int goldRecords;
  private final double[] edges;
  private final double[] values;
  private final String version;

  /**
   * @param edges ascending upper edges of every bin but the last: a confidence c falls in the first
   *     bin b with {@code c <= edges[b]}, else in the last
   * @param values the calibrated confidence of each bin ({@code edges.length + 1} entries)
   */
  HistogramCalibrator(int numClasses, int goldRecords, double[] edges, double[] values) {
    if (numClasses < 2 || goldRecords < 0) {
      throw new IllegalArgumentException(
          "need >= 2 classes and >= 0 gold records, got " + numClasses + ", " + goldRecords);
    }
    if (values.length != edges.length + 1) {
      throw new IllegalArgumentException(
          values.length + " bin values for " + edges.length + " edges (need edges + 1)");
    }
    for (int b = 0; b < edges.length; b++) {
      if (!(edges[b] >= 0 && edges[b] <= 1) || b > 0 && !(edges[b] > edges[b - 1])) {
        throw new IllegalArgumentException("bin edges must ascend within [0, 1]");
      }
    }
    for (double v : values) {
      if (!(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException("bin value " + v + " is outside [0, 1]");
      }
    }
    this.numClasses = numClasses;
    this.goldRecords = goldRecords;
    this.edges = edges.clone();
    this.values = values.clone();
    this.version = StateBytes.version(kind().key(), toBytes());
  }

  /** Fits the bins on gold records. */
  static HistogramCalibrator fit(CalibrationSet gold) {
    double[] conf = gold.confidences();
    boolean[] correct = gold.correct();
    int n = conf.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(conf[a], conf[b]));
    int bins = Math.max(1, Math.min(MAX_BINS, n / ROWS_PER_BIN));
    double target = (double) n / bins;
    double[] edges = new double[bins - 1];
    int closed = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j < n && conf[order[j]] == conf[order[i]]) {
        j++;
      }
      // records [i, j) share one confidence; close a bin after them once it holds its share
      if (closed < bins - 1 && j < n && j >= target * (closed + 1)) {
        edges[closed++] = (conf[order[j - 1]] + conf[order[j]]) / 2;
      }
      i = j;
    }
    edges = Arrays.copyOf(edges, closed);
    double[] count = new double[closed + 1];
    double[] hits = new double[closed + 1];
    double[] confSum = new double[closed + 1];
    for (int r = 0; r < n; r++) {
      int b = bin(edges, conf[r]);
      count[b]++;
      confSum[b] += conf[r];
      if (correct[r]) {
        hits[b]++;
      }
    }
    double[] values = new double[closed + 1];
    for (int b = 0; b < values.length; b++) {
      double meanConf = confSum[b] / count[b];
      values[b] = (hits[b] + PSEUDO_COUNT * meanConf) / (count[b] + PSEUDO_COUNT);
    }
    return new HistogramCalibrator(gold.numClasses(), n, edges, values);
  }

  private static int bin(double[] edges, double conf) {
    int lo = 0;
    int hi = edges.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (conf <= edges[mid]) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  static HistogramCalibrator readBody(int numClasses, int goldRecords, DataInputStream in)
      throws IOException {
    int bins = in.readInt();
    StateBytes.checkCount(bins, 1 << 16, "histogram bins");
    double[] edges = new double[Math.max(0, bins - 1)];
    for (int b = 0; b < edges.length; b++) {
      edges[b] = in.readDouble();
    }
    double[] values = new double[bins];
    for (int b = 0; b < bins; b++) {
      values[b] = in.readDouble();
    }
    return new HistogramCalibrator(numClasses, goldRecords, edges, values);
  }

  /** The bins' upper edges (all but the last bin's). */
  public double[] edges() {
    return edges.clone();
  }

  /** The calibrated confidence of each bin. */
  public double[] values() {
    return values.clone();
  }

  @Override
  public CalibrationKind kind() {
    return CalibrationKind.HISTOGRAM;
  }

  @Override
  public int numClasses() {
    return numClasses;
  }

  @Override
  public int goldRecords() {
    return goldRecords;
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public double[] calibrate(double[] probabilities, int label) {
    double[] p = Probabilities.checked(probabilities, numClasses, "calibrate");
    if (label < 0 || label >= numClasses) {
      throw new IllegalArgumentException("label " + label + " is not a class id");
    }
    double v = values[bin(edges, p[label])];
    double rest = 1 - p[label];
    double[] out = new double[numClasses];
    for (int c = 0; c < numClasses; c++) {
      if (c == label) {
        out[c] = v;
      } else {
        out[c] = rest > 0 ? p[c] * (1 - v) / rest : (1 - v) / (numClasses - 1);
      }
    }
    return out;
  }

  @Override
  public byte[] toBytes() {
    return StateBytes.write(
        MAGIC,
        FORMAT_VERSION,
        out -> {
          out.writeByte(kind().code());
          out.writeInt(numClasses);
          out.writeInt(goldRecords);
          out.writeInt(values.length);
          for (double e : edges) {
            out.writeDouble(e);
          }
          for (double v : values) {
            out.writeDouble(v);
          }
        });
  }

  @Override
  public String toString() {
    return "HistogramCalibrator[edges="
        + Arrays.toString(edges)
        + ", values="
        + Arrays.toString(values)
        + ", "
        + version
        + "]";
  }
}
