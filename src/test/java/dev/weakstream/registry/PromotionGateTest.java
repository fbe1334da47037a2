package dev.weakstream.registry;

import static dev.weakstream.registry.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weakstream.avro.ModelRelease;
import dev.weakstream.avro.ModelStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromotionGateTest {

  private static final ModelRelease ACTIVE =
      release(1, ModelStatus.ACTIVE, Map.of("gold_f1", 0.80, "gold_accuracy", 0.9));

  @Test
  void theFirstCandidatePassesWithoutAnActiveVersion() {
    PromotionGate.Verdict verdict =
        PromotionGate.ofMargin(0.005)
            .evaluate(release(1, ModelStatus.CANDIDATE, Map.of("gold_f1", 0.1)), null);
    assertThat(verdict.pass()).isTrue();
    assertThat(verdict.reason()).contains("no active version");
  }

  @Test
  void aCandidateMustBeatTheActiveByMoreThanTheMargin() {
    PromotionGate gate = PromotionGate.ofMargin(0.01);
    assertThat(
            gate.evaluate(release(2, ModelStatus.CANDIDATE, Map.of("gold_f1", 0.811)), ACTIVE)
                .pass())
        .isTrue();
    assertThat(
            gate.evaluate(release(2, ModelStatus.CANDIDATE, Map.of("gold_f1", 0.81)), ACTIVE)
                .pass())
        .isFalse();
    PromotionGate.Verdict worse =
        gate.evaluate(release(2, ModelStatus.CANDIDATE, Map.of("gold_f1", 0.7)), ACTIVE);
    assertThat(worse.pass()).isFalse();
    assertThat(worse.reason())
        .isEqualTo(
            "v2 gold_f1 0.7000 does not beat active v1 0.8000 by more than the margin 0.0100");
  }

  @Test
  void anExplicitMetricOverridesTheReleasesGateMetric() {
    ModelRelease candidate =
        release(2, ModelStatus.CANDIDATE, Map.of("gold_f1", 0.9, "gold_accuracy", 0.85));
    assertThat(PromotionGate.ofMargin(0).evaluate(candidate, ACTIVE).pass()).isTrue();
    assertThat(new PromotionGate("gold_accuracy", 0).evaluate(candidate, ACTIVE).pass()).isFalse();
  }

  @Test
  void missingOrNonFiniteMetricsFailTheGateWithTheReason() {
    PromotionGate gate = PromotionGate.ofMargin(0);
    PromotionGate.Verdict missing =
        gate.evaluate(release(2, ModelStatus.CANDIDATE, Map.of("loss", 0.1)), ACTIVE);
    assertThat(missing.pass()).isFalse();
    assertThat(missing.reason()).contains("no finite metric 'gold_f1'").contains("[loss]");
    assertThat(
            gate.evaluate(release(2, ModelStatus.CANDIDATE, Map.of("gold_f1", Double.NaN)), null)
                .pass())
        .isFalse();
    ModelRelease activeWithoutMetric = release(1, ModelStatus.ACTIVE, Map.of("loss", 0.1));
    PromotionGate.Verdict incomparable =
        gate.evaluate(
            release(2, ModelStatus.CANDIDATE, Map.of("gold_f1", 0.9)), activeWithoutMetric);
    assertThat(incomparable.pass()).isFalse();
    assertThat(incomparable.reason()).contains("--force");
    ModelRelease noGateMetric =
        ModelRelease.newBuilder(release(2, ModelStatus.CANDIDATE, Map.of("gold_f1", 0.9)))
            .setGateMetric(null)
            .build();
    assertThat(gate.evaluate(noGateMetric, null).reason())
        .contains("names no gate metric")
        .contains("[gold_f1]");
  }

  @Test
  void aNegativeOrNanMarginIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> PromotionGate.ofMargin(-0.1));
    assertThrows(IllegalArgumentException.class, () -> PromotionGate.ofMargin(Double.NaN));
  }
}
