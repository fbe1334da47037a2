package dev.weakstream.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationErrorTest {

  @Test
  void isTheMassWeightedGapBetweenAccuracyAndConfidencePerBin() {
    // bin (0.8667, 0.9333]: confidences 0.9, 0.9, accuracy 1/2 -> gap 0.4, weight 2/4
    // bin (0.5333, 0.6]: confidences 0.6, 0.6, accuracy 1 -> gap 0.4, weight 2/4
    double ece =
        CalibrationError.expected(
            new double[] {0.9, 0.9, 0.6, 0.6}, new boolean[] {true, false, true, true});
    assertThat(ece).isCloseTo(0.4, offset(1e-12));
  }

  @Test
  void binsAreEqualWidthAndClosedOnTheRight() {
    assertThat(CalibrationError.bin(0, 15)).isZero();
    assertThat(CalibrationError.bin(1.0 / 15, 15)).isZero();
    assertThat(CalibrationError.bin(1.0 / 15 + 1e-9, 15)).isEqualTo(1);
    assertThat(CalibrationError.bin(1, 15)).isEqualTo(14);
    // two records whose gaps cancel only if they share a bin
    double sameBin =
        CalibrationError.expected(new double[] {0.61, 0.65}, new boolean[] {true, false});
    double twoBins =
        CalibrationError.expected(new double[] {0.59, 0.61}, new boolean[] {true, false});
    assertThat(sameBin).isCloseTo(Math.abs(1 - 0.61 - 0.65) / 2, offset(1e-12));
    assertThat(twoBins).isCloseTo((0.41 + 0.61) / 2, offset(1e-12));
  }

  @Test
  void aCalibratedModelScoresNearZeroAndAnOverconfidentOneDoesNot() {
    Random random = new Random(7);
    int n = 50_000;
    double[] conf = new double[n];
    boolean[] calibrated = new boolean[n];
    boolean[] overconfident = new boolean[n];
    for (int i = 0; i < n; i++) {
      conf[i] = 0.5 + 0.5 * random.nextDouble();
      calibrated[i] = random.nextDouble() < conf[i];
      overconfident[i] = random.nextDouble() < conf[i] - 0.2;
    }
    assertThat(CalibrationError.expected(conf, calibrated)).isLessThan(0.01);
    assertThat(CalibrationError.expected(conf, overconfident)).isCloseTo(0.2, offset(0.01));
  }

  @Test
  void rejectsMismatchedInput() {
    assertThatThrownBy(() -> CalibrationError.expected(new double[] {0.5}, new boolean[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CalibrationError.expected(new double[] {1.5}, new boolean[] {true}))
        .hasMessageContaining("outside");
    assertThat(CalibrationError.expected(new double[0], new boolean[0])).isNaN();
  }
}
