package dev.weakstream.trust;

/**
 * Temperature scaling (Guo et al., ICML 2017) on probabilities: {@code q_c ∝ p_c^(1/T)}, i.e. the
 * model's log-probabilities, taken as logits, divided by T. One parameter, so it cannot overfit a
 * small gold set, and it never changes which class is most probable.
 *
 * <p>T is fitted by minimising the gold records' negative log-likelihood. NLL is convex in β = 1/T
 * (a log-sum-exp of β·z minus β·z_gold), so its derivative {@code E_q[z] - z_gold} is increasing in
 * β and a bisection on it finds the minimum exactly and deterministically — written here rather
 * than pulled from an optimisation library for that reason. T is kept in [{@link #MIN_TEMPERATURE},
 * {@link #MAX_TEMPERATURE}] (gold a model never gets wrong would otherwise drive T to 0). Log
 * probabilities are floored at {@link #LOG_FLOOR} so a probability of exactly 0 stays finite.
 *
 * <p>Immutable and thread-safe.
 */
public final class TemperatureCalibrator implements Calibrator {

  public static final double MIN_TEMPERATURE = 0.01;
  public static final double MAX_TEMPERATURE = 100;

  /** The log of the smallest positive double; log(0) is floored here. */
  static final double LOG_FLOOR = Math.log(Double.MIN_VALUE);

  private static final int BISECTION_STEPS = 200;

  private final int numClasses;
  private final int goldRecords;
  private final double temperature;
  private final String version;

  TemperatureCalibrator(int numClasses, int goldRecords, double temperature) {
    if (numClasses < 2 || goldRecords < 0) {
      throw new IllegalArgumentException(
          "need >= 2 classes and >= 0 gold records, got " + numClasses + ", " + goldRecords);
    }
    if (!(temperature >= MIN_TEMPERATURE && temperature <= MAX_TEMPERATURE)) {
      throw new IllegalArgumentException(
          "temperature must be in ["
              + MIN_TEMPERATURE
              + ", "
              + MAX_TEMPERATURE
              + "], was "
              + temperature);
    }
    this.numClasses = numClasses;
    this.goldRecords = goldRecords;
    this.temperature = temperature;
    this.version = StateBytes.version(kind().key(), toBytes());
  }

  /** Fits T on gold records by minimising their NLL. */
  static TemperatureCalibrator fit(CalibrationSet gold) {
    double[][] z = new double[gold.size()][];
    for (int i = 0; i < z.length; i++) {
      z[i] = logits(gold.probabilities()[i]);
    }
    int[] y = gold.gold();
    double lo = Math.log(1 / MAX_TEMPERATURE);
    double hi = Math.log(1 / MIN_TEMPERATURE);
    double beta;
    if (slope(z, y, Math.exp(lo)) >= 0) {
      beta = Math.exp(lo);
    } else if (slope(z, y, Math.exp(hi)) <= 0) {
      beta = Math.exp(hi);
    } else {
      for (int step = 0; step < BISECTION_STEPS && hi - lo > 1e-12; step++) {
        double mid = (lo + hi) / 2;
        if (slope(z, y, Math.exp(mid)) > 0) {
          hi = mid;
        } else {
          lo = mid;
        }
      }
      beta = Math.exp((lo + hi) / 2);
    }
    double t = Math.min(MAX_TEMPERATURE, Math.max(MIN_TEMPERATURE, 1 / beta));
    return new TemperatureCalibrator(gold.numClasses(), gold.size(), t);
  }

  /** d NLL / d β at β: the mean over records of {@code E_softmax(βz)[z] - z_gold}. */
  private static double slope(double[][] z, int[] gold, double beta) {
    double sum = 0;
    double[] q = new double[z.length == 0 ? 0 : z[0].length];
    for (int i = 0; i < z.length; i++) {
      softmax(z[i], beta, q);
      double expected = 0;
      for (int c = 0; c < q.length; c++) {
        if (q[c] > 0) {
          expected += q[c] * z[i][c];
        }
      }
      sum += expected - z[i][gold[i]];
    }
    return sum / Math.max(1, z.length);
  }

  private static double[] logits(double[] p) {
    double[] z = new double[p.length];
    for (int c = 0; c < p.length; c++) {
      z[c] = p[c] > 0 ? Math.max(LOG_FLOOR, Math.log(p[c])) : LOG_FLOOR;
    }
    return z;
  }

  private static void softmax(double[] z, double beta, double[] out) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (int c = 0; c < z.length; c++) {
      out[c] = Math.exp(beta * (z[c] - max));
      sum += out[c];
    }
    for (int c = 0; c < z.length; c++) {
      out[c] /= sum;
    }
  }

  /** The fitted temperature. */
  public double temperature() {
    return temperature;
  }

  @Override
  public CalibrationKind kind() {
    return CalibrationKind.TEMPERATURE;
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
    double[] out = new double[numClasses];
    softmax(logits(p), 1 / temperature, out);
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
          out.writeDouble(temperature);
        });
  }

  @Override
  public String toString() {
    return "TemperatureCalibrator[T=" + temperature + ", " + version + "]";
  }
}
