package dev.weakstream.trust;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordUniformTest {

  @Test
  void isAPureFunctionOfIdAndSeed() {
    assertThat(RecordUniform.of("record-17", 3)).isEqualTo(RecordUniform.of("record-17", 3));
    assertThat(RecordUniform.of("record-17", 3)).isNotEqualTo(RecordUniform.of("record-17", 4));
    assertThat(RecordUniform.of("record-17", 3)).isNotEqualTo(RecordUniform.of("record-18", 3));
  }

  @Test
  void isUniformOnTheUnitIntervalOverConsecutiveIds() {
    int n = 100_000;
    int[] bins = new int[10];
    for (int i = 0; i < n; i++) {
      double u = RecordUniform.of(String.valueOf(i), ConformalSettings.DEFAULT_SEED);
      assertThat(u).isGreaterThan(0).isLessThanOrEqualTo(1);
      bins[Math.min(9, (int) (u * 10))]++;
    }
    double chi2 = 0;
    for (int b : bins) {
      chi2 += Math.pow(b - n / 10.0, 2) / (n / 10.0);
    }
    // 9 degrees of freedom: P(chi2 > 27.9) = 0.001
    assertThat(chi2).isLessThan(27.9);
  }
}
