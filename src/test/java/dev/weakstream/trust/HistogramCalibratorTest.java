package dev.weakstream.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HistogramCalibratorTest {

  /**
   * Two vote patterns, as a label model gives them: a near-tie right {@code accuracyLow} of the
   * time and a near-certain one right {@code accuracyHigh} of the time — not a monotone power.
   */
  private static CalibrationSet twoPatterns(
      int n, double accuracyLow, double accuracyHigh, long seed) {
    Random random = new Random(seed);
    double[][] p = new double[n][];
    int[] labels = new int[n];
    int[] gold = new int[n];
    for (int i = 0; i < n; i++) {
      boolean low = i % 2 == 0;
      p[i] = low ? new double[] {0.515, 0.485} : new double[] {0.999, 0.001};
      labels[i] = 0;
      gold[i] = random.nextDouble() < (low ? accuracyLow : accuracyHigh) ? 0 : 1;
    }
    return new CalibrationSet(p, labels, gold);
  }

  @Test
  void mapsEachPatternToItsAccuracyWhereOneTemperatureCannot() {
    CalibrationSet gold = twoPatterns(4000, 0.84, 0.95, 1);
    HistogramCalibrator histogram = HistogramCalibrator.fit(gold);
    assertThat(histogram.calibrate(new double[] {0.515, 0.485}, 0)[0])
        .isCloseTo(0.84, offset(0.02));
    assertThat(histogram.calibrate(new double[] {0.999, 0.001}, 0)[0])
        .isCloseTo(0.95, offset(0.02));
    CalibrationSet fresh = twoPatterns(4000, 0.84, 0.95, 2);
    double raw = CalibrationError.of(fresh);
    double binned = CalibrationError.of(TemperatureCalibratorTest.calibrated(histogram, fresh));
    double scaled =
        CalibrationError.of(
            TemperatureCalibratorTest.calibrated(TemperatureCalibrator.fit(gold), fresh));
    assertThat(raw).isGreaterThan(0.15);
    assertThat(binned).isLessThan(0.02);
    assertThat(scaled).isGreaterThan(0.1);
  }

  @Test
  void keepsTiedConfidencesInOneBin() {
    // 400 records, so 10 bins are asked for; but only two distinct confidences exist
    HistogramCalibrator histogram = HistogramCalibrator.fit(twoPatterns(400, 0.8, 0.9, 3));
    assertThat(histogram.values()).hasSize(2);
    assertThat(histogram.edges()[0]).isCloseTo((0.515 + 0.999) / 2, offset(1e-12));
  }

  @Test
  void asksForOneBinPerFortyRecordsUpToFifteen() {
    Random random = new Random(4);
    for (int n : new int[] {39, 120, 500, 5000}) {
      double[][] p = new double[n][];
      int[] labels = new int[n];
      int[] gold = new int[n];
      for (int i = 0; i < n; i++) {
        double c = 0.5 + 0.5 * random.nextDouble();
        p[i] = new double[] {c, 1 - c};
        gold[i] = random.nextDouble() < c ? 0 : 1;
      }
      int bins = HistogramCalibrator.fit(new CalibrationSet(p, labels, gold)).values().length;
      assertThat(bins).as("n=" + n).isEqualTo(Math.max(1, Math.min(15, n / 40)));
    }
  }

  @Test
  void aSmallBinIsPulledTowardTheRawConfidence() {
    // one bin of 3 records, all wrong: (0 + 2 * 0.9) / (3 + 2) = 0.36, not 0
    CalibrationSet gold =
        new CalibrationSet(
            new double[][] {{0.9, 0.1}, {0.9, 0.1}, {0.9, 0.1}},
            new int[] {0, 0, 0},
            new int[] {1, 1, 1});
    assertThat(HistogramCalibrator.fit(gold).values()[0]).isCloseTo(0.36, offset(1e-12));
  }

  @Test
  void theOtherClassesShareTheRestInProportion() {
    HistogramCalibrator histogram =
        new HistogramCalibrator(3, 10, new double[] {0.5}, new double[] {0.3, 0.8});
    double[] q = histogram.calibrate(new double[] {0.6, 0.3, 0.1}, 0);
    assertThat(q).containsExactly(new double[] {0.8, 0.15, 0.05}, offset(1e-12));
    double[] certain = histogram.calibrate(new double[] {0, 1, 0}, 1);
    assertThat(certain).containsExactly(new double[] {0.1, 0.8, 0.1}, offset(1e-12));
    // the label's confidence is corrected, also when it is not the argmax (a tie broken the other
    // way)
    double[] tied = histogram.calibrate(new double[] {0.4, 0.4, 0.2}, 1);
    assertThat(tied[1]).isEqualTo(0.3);
  }

  @Test
  void survivesItsByteForm() {
    Calibrator fitted = Calibrator.fit(CalibrationKind.HISTOGRAM, twoPatterns(1000, 0.8, 0.9, 5));
    Calibrator restored = Calibrator.fromBytes(fitted.toBytes());
    assertThat(restored.version()).isEqualTo(fitted.version()).startsWith("histogram-");
    assertThat(((HistogramCalibrator) restored).values())
        .containsExactly(((HistogramCalibrator) fitted).values());
    double[] p = {0.7, 0.3};
    assertThat(restored.calibrate(p, 0)).containsExactly(fitted.calibrate(p, 0));
  }

  @Test
  void noneIsTheIdentityAndStillVersioned() {
    Calibrator none = Calibrator.fit(CalibrationKind.NONE, twoPatterns(10, 0.5, 0.5, 6));
    assertThat(none.calibrate(new double[] {0.25, 0.75}, 1)).containsExactly(0.25, 0.75);
    assertThat(Calibrator.fromBytes(none.toBytes()).version()).isEqualTo(none.version());
    assertThat(CalibrationKind.of("None")).isEqualTo(CalibrationKind.NONE);
    assertThat(CalibrationKind.DEFAULT).isEqualTo(CalibrationKind.HISTOGRAM);
  }
}
