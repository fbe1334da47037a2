package dev.weakstream.trust;

/**
 * Expected calibration error as Guo et al. (ICML 2017) define it: top-label, {@value #BINS}
 * equal-width bins of confidence over [0, 1], {@code ECE = Σ_b |B_b|/n · |acc(B_b) − conf(B_b)|},
 * where a record's confidence is the probability of the label it was given and acc is the fraction
 * of those labels that are right. Bin b holds confidences in {@code (b/M, (b+1)/M]} (a confidence
 * of exactly 0 goes to the first bin).
 *
 * <p>Equal-width rather than equal-mass bins, as Guo et al., because calibration changes the
 * confidences: with equal-mass bins the bins themselves would move between the raw and the
 * calibrated measurement. Note the estimator's own floor: on n records it is of the order of {@code
 * sqrt(bins occupied / n)} times a few hundredths even for perfectly calibrated probabilities
 * (docs/trust.md).
 *
 * <p>Stateless.
 */
public final class CalibrationError {

  /** Number of bins, as in Guo et al. 2017. */
  public static final int BINS = 15;

  private CalibrationError() {}

  /** ECE with {@value #BINS} bins. */
  public static double expected(double[] confidence, boolean[] correct) {
    return expected(confidence, correct, BINS);
  }

  /**
   * ECE of labels with the given confidences.
   *
   * @param confidence the probability each record's label was given, in [0, 1]
   * @param correct whether each record's label is its gold class
   * @param bins number of equal-width bins (>= 1)
   * @return the ECE in [0, 1]; NaN for no records
   */
  public static double expected(double[] confidence, boolean[] correct, int bins) {
    if (confidence.length != correct.length) {
      throw new IllegalArgumentException(
          confidence.length + " confidences for " + correct.length + " outcomes");
    }
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be >= 1, was " + bins);
    }
    if (confidence.length == 0) {
      return Double.NaN;
    }
    double[] count = new double[bins];
    double[] confSum = new double[bins];
    double[] hits = new double[bins];
    for (int i = 0; i < confidence.length; i++) {
      double c = confidence[i];
      if (!(c >= 0 && c <= 1 + Probabilities.SUM_TOLERANCE)) {
        throw new IllegalArgumentException("confidence " + c + " is outside [0, 1]");
      }
      int b = bin(c, bins);
      count[b]++;
      confSum[b] += c;
      if (correct[i]) {
        hits[b]++;
      }
    }
    double ece = 0;
    for (int b = 0; b < bins; b++) {
      if (count[b] > 0) {
        ece += Math.abs(hits[b] - confSum[b]) / confidence.length;
      }
    }
    return ece;
  }

  /** ECE of a model's labels on gold records ({@link CalibrationSet}), with {@value #BINS} bins. */
  public static double of(CalibrationSet records) {
    return expected(records.confidences(), records.correct());
  }

  /** The bin of confidence c: b with c in (b/M, (b+1)/M]. */
  static int bin(double c, int bins) {
    int b = (int) Math.ceil(c * bins) - 1;
    return Math.max(0, Math.min(bins - 1, b));
  }
}
