package dev.weakstream.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The few-shot teacher's gold sample: bounded per class, uniform over the whole history. */
class GoldSampleTest {

  @Test
  void holdsAtMostTheCapacityPerClassAndKeepsARareClass() {
    GoldSample sample = new GoldSample(2, 50, 7);
    for (int i = 0; i < 10_000; i++) {
      sample.add("t" + i, i % 100 == 0 ? 1 : 0); // class 1 is 1 % of the gold
    }
    assertThat(sample.seen()).isEqualTo(10_000);
    assertThat(sample.held()).isEqualTo(100);
    assertThat(sample.classes()).isEqualTo(2);
    int[] labels = sample.labels();
    assertThat(labels).hasSize(sample.texts().size());
    assertThat(Arrays.stream(labels).filter(l -> l == 1).count()).isEqualTo(50);
  }

  @Test
  void aFullClassKeepsAUniformSampleOfEverythingItSaw() {
    GoldSample sample = new GoldSample(1, 200, 11);
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      sample.add(Integer.toString(i), 0);
    }
    List<String> texts = sample.texts();
    double mean = texts.stream().mapToInt(Integer::parseInt).average().orElseThrow();
    long early = texts.stream().filter(t -> Integer.parseInt(t) < n / 4).count();
    // a uniform sample of 0..n-1: mean n/2 (sd of the mean ~ n/sqrt(12*200) = 408), a quarter early
    assertThat(mean).isBetween(n / 2.0 - 2_000, n / 2.0 + 2_000);
    assertThat(early).isBetween(25L, 75L);
  }

  @Test
  void sameGoldSameSeedSameSample() {
    GoldSample a = new GoldSample(2, 10, 3);
    GoldSample b = new GoldSample(2, 10, 3);
    for (int i = 0; i < 500; i++) {
      a.add("t" + i, i % 2);
      b.add("t" + i, i % 2);
    }
    assertThat(a.texts()).isEqualTo(b.texts());
  }

  @Test
  void aLabelOutsideTheClassesIsRefused() {
    GoldSample sample = new GoldSample(2, 10, 3);
    assertThatThrownBy(() -> sample.add("t", 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gold label 2");
  }
}
