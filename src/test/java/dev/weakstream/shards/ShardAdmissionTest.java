package dev.weakstream.shards;

import static dev.weakstream.shards.Examples.example;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weakstream.avro.ShardKind;
import dev.weakstream.pipeline.ShardPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ShardAdmissionTest {

  private static ShardPolicy policy(double minConfidence, boolean dropUncovered, int cap) {
    return new ShardPolicy(minConfidence, dropUncovered, cap, 100, Duration.ofMinutes(1), 0, null);
  }

  @Test
  void admitsConfidentCoveredRecordsToTraining() {
    ShardAdmission admission = new ShardAdmission(policy(0.8, true, 0));
    assertThat(admission.decide(example("a", 1, 0.8, true, null), new long[2]))
        .isEqualTo(new Admission.Admit(ShardKind.TRAINING));
  }

  @Test
  void skipsLowConfidenceThenUncoveredAndCountsEachReason() {
    ShardAdmission admission = new ShardAdmission(policy(0.8, true, 0));
    assertThat(admission.decide(example("a", 1, 0.79, true, null), new long[2]))
        .isEqualTo(new Admission.Skip(SkipReason.LOW_CONFIDENCE));
    // both low confidence and uncovered: the first failing check is the reason
    assertThat(admission.decide(example("b", 1, 0.5, false, null), new long[2]))
        .isEqualTo(new Admission.Skip(SkipReason.LOW_CONFIDENCE));
    assertThat(admission.decide(example("c", 1, 0.95, false, null), new long[2]))
        .isEqualTo(new Admission.Skip(SkipReason.UNCOVERED));
    assertThat(admission.skipped(SkipReason.LOW_CONFIDENCE)).isEqualTo(2);
    assertThat(admission.skipped(SkipReason.UNCOVERED)).isEqualTo(1);
    assertThat(admission.skipped(SkipReason.CLASS_CAP)).isZero();
  }

  @Test
  void keepsUncoveredRecordsWhenNotDropping() {
    ShardAdmission admission = new ShardAdmission(policy(0.0, false, 0));
    assertThat(admission.decide(example("a", 0, 0.5, false, null), new long[2]))
        .isEqualTo(new Admission.Admit(ShardKind.TRAINING));
  }

  @Test
  void capsEachClassPerOpenShard() {
    ShardAdmission admission = new ShardAdmission(policy(0.0, false, 3));
    assertThat(admission.decide(example("a", 1), new long[] {0, 3}))
        .isEqualTo(new Admission.Skip(SkipReason.CLASS_CAP));
    assertThat(admission.decide(example("b", 0), new long[] {2, 3}))
        .isEqualTo(new Admission.Admit(ShardKind.TRAINING));
    assertThat(admission.decide(example("c", 1), new long[] {0, 2}))
        .isEqualTo(new Admission.Admit(ShardKind.TRAINING));
  }

  @Test
  void goldRecordsGoToEvaluationWhateverThePolicy() {
    ShardAdmission admission = new ShardAdmission(policy(0.99, true, 1));
    assertThat(admission.decide(example("g", 1, 0.3, false, 0), new long[] {5, 5}))
        .isEqualTo(new Admission.Admit(ShardKind.EVALUATION));
    assertThat(ShardAdmission.destination(example("g", 1, 0.3, false, 0)))
        .isEqualTo(ShardKind.EVALUATION);
    assertThat(ShardAdmission.destination(example("w", 1))).isEqualTo(ShardKind.TRAINING);
  }
}
