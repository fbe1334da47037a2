package dev.weakstream.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TemperatureCalibratorTest {

  /**
   * Gold drawn from softmax(z) while the model reports softmax(sharpness · z): the fitted
   * temperature must undo the sharpening.
   */
  private static CalibrationSet overconfident(double sharpness, int n, long seed) {
    Random random = new Random(seed);
    double[][] p = new double[n][];
    int[] labels = new int[n];
    int[] gold = new int[n];
    for (int i = 0; i < n; i++) {
      double[] z = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
      double[] truth = softmax(z, 1);
      p[i] = softmax(z, sharpness);
      labels[i] = Probabilities.argmax(p[i]);
      double u = random.nextDouble();
      int y = 0;
      while (y < 2 && u > truth[y]) {
        u -= truth[y];
        y++;
      }
      gold[i] = y;
    }
    return new CalibrationSet(p, labels, gold);
  }

  private static double[] softmax(double[] z, double beta) {
    double[] out = new double[z.length];
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
    return out;
  }

  @Test
  void fitsTheTemperatureThatUndoesOverconfidence() {
    CalibrationSet gold = overconfident(3, 20_000, 1);
    TemperatureCalibrator calibrator =
        (TemperatureCalibrator) Calibrator.fit(CalibrationKind.TEMPERATURE, gold);
    assertThat(calibrator.temperature()).isCloseTo(3, offset(0.15));
    double before = CalibrationError.of(gold);
    double after = CalibrationError.of(calibrated(calibrator, gold));
    assertThat(before).isGreaterThan(0.1);
    assertThat(after).isLessThan(0.02);
  }

  @Test
  void aCalibratedModelKeepsATemperatureNearOne() {
    TemperatureCalibrator calibrator = TemperatureCalibrator.fit(overconfident(1, 20_000, 2));
    assertThat(calibrator.temperature()).isCloseTo(1, offset(0.06));
  }

  @Test
  void neverChangesTheMostProbableClassAndSumsToOne() {
    TemperatureCalibrator calibrator = new TemperatureCalibrator(3, 10, 2.5);
    double[] p = {0.7, 0.2, 0.1};
    double[] q = calibrator.calibrate(p, 0);
    assertThat(Probabilities.argmax(q)).isZero();
    assertThat(q[0] + q[1] + q[2]).isCloseTo(1, offset(1e-12));
    assertThat(q[0]).isLessThan(0.7).isGreaterThan(1.0 / 3);
    assertThat(p).containsExactly(0.7, 0.2, 0.1);
  }

  @Test
  void aProbabilityOfZeroStaysFinite() {
    CalibrationSet gold =
        new CalibrationSet(
            new double[][] {{1, 0}, {0, 1}, {1, 0}, {0.5, 0.5}},
            new int[] {0, 1, 0, 0},
            new int[] {1, 1, 0, 0});
    TemperatureCalibrator calibrator = TemperatureCalibrator.fit(gold);
    assertThat(calibrator.temperature())
        .isBetween(TemperatureCalibrator.MIN_TEMPERATURE, TemperatureCalibrator.MAX_TEMPERATURE);
    double[] q = calibrator.calibrate(new double[] {1, 0}, 0);
    assertThat(q[0]).isFinite();
    assertThat(q[0] + q[1]).isCloseTo(1, offset(1e-12));
  }

  @Test
  void goldThatIsAlwaysRightIsCappedAtTheSmallestTemperature() {
    CalibrationSet gold =
        new CalibrationSet(
            new double[][] {{0.6, 0.4}, {0.3, 0.7}}, new int[] {0, 1}, new int[] {0, 1});
    assertThat(TemperatureCalibrator.fit(gold).temperature())
        .isEqualTo(TemperatureCalibrator.MIN_TEMPERATURE);
  }

  @Test
  void survivesItsByteFormWithTheSameVersion() {
    Calibrator calibrator = Calibrator.fit(CalibrationKind.TEMPERATURE, overconfident(2, 500, 3));
    Calibrator restored = Calibrator.fromBytes(calibrator.toBytes());
    assertThat(restored).isInstanceOf(TemperatureCalibrator.class);
    assertThat(restored.version()).isEqualTo(calibrator.version()).startsWith("temperature-");
    assertThat(((TemperatureCalibrator) restored).temperature())
        .isEqualTo(((TemperatureCalibrator) calibrator).temperature());
    assertThat(restored.goldRecords()).isEqualTo(500);
    assertThat(new TemperatureCalibrator(2, 1, 1.5).version())
        .isNotEqualTo(new TemperatureCalibrator(2, 1, 1.6).version());
  }

  @Test
  void rejectsBytesOfAnotherFormOrVersion() {
    byte[] bytes = new TemperatureCalibrator(2, 1, 1.5).toBytes();
    byte[] badMagic = bytes.clone();
    badMagic[0] ^= 1;
    assertThatThrownBy(() -> Calibrator.fromBytes(badMagic)).hasMessageContaining("magic");
    byte[] newer = bytes.clone();
    newer[4] = 9;
    assertThatThrownBy(() -> Calibrator.fromBytes(newer)).hasMessageContaining("version 9");
    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 3);
    assertThatThrownBy(() -> Calibrator.fromBytes(truncated)).hasMessageContaining("truncated");
  }

  static CalibrationSet calibrated(Calibrator calibrator, CalibrationSet gold) {
    double[][] q = new double[gold.size()][];
    for (int i = 0; i < q.length; i++) {
      q[i] = calibrator.calibrate(gold.probabilities()[i], gold.labels()[i]);
    }
    return new CalibrationSet(q, gold.labels(), gold.gold());
  }
}
