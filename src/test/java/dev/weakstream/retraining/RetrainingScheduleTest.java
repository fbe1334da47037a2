package dev.weakstream.retraining;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weakstream.pipeline.StudentDefinition;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * When {@link RetrainingSchedule} starts a round: by count of new shards, by time, never without
 * new shards.
 */
class RetrainingScheduleTest {

  private static StudentDefinition every(int shards, Duration interval) {
    StudentDefinition d = StudentDefinition.defaults();
    return new StudentDefinition(
        d.features(),
        d.hashBits(),
        d.seed(),
        d.l2(),
        shards,
        interval,
        d.promotionMargin(),
        d.rollbackAgreement(),
        d.skipTeacherConfidence());
  }

  @Test
  void dueOnceRetrainEveryShardsNewShardsArrived() {
    StudentDefinition byCount = every(3, null);
    assertThat(RetrainingSchedule.due(byCount, 1, Duration.ofDays(1))).isFalse();
    assertThat(RetrainingSchedule.due(byCount, 2, Duration.ofDays(1))).isFalse();
    assertThat(RetrainingSchedule.due(byCount, 3, Duration.ZERO)).isTrue();
    assertThat(RetrainingSchedule.due(byCount, 7, Duration.ZERO)).isTrue();
  }

  @Test
  void dueOnceTheIntervalPassedWithAtLeastOneNewShard() {
    StudentDefinition byTime = every(0, Duration.ofMinutes(10));
    assertThat(RetrainingSchedule.due(byTime, 1, Duration.ofMinutes(9).plusSeconds(59))).isFalse();
    assertThat(RetrainingSchedule.due(byTime, 1, Duration.ofMinutes(10))).isTrue();
    assertThat(RetrainingSchedule.due(byTime, 1, Duration.ofHours(3))).isTrue();
    assertThat(RetrainingSchedule.due(byTime, 1_000, Duration.ofMinutes(1)))
        .as("retrain_every_shards 0 does not count shards")
        .isFalse();
  }

  @Test
  void eitherTriggerIsEnough() {
    StudentDefinition both = every(4, Duration.ofMinutes(5));
    assertThat(RetrainingSchedule.due(both, 4, Duration.ofSeconds(1))).as("by count").isTrue();
    assertThat(RetrainingSchedule.due(both, 1, Duration.ofMinutes(5))).as("by time").isTrue();
    assertThat(RetrainingSchedule.due(both, 3, Duration.ofMinutes(4))).as("neither").isFalse();
  }

  @Test
  void neverDueWithoutNewShards() {
    for (StudentDefinition student :
        new StudentDefinition[] {
          every(1, Duration.ofSeconds(1)),
          every(0, Duration.ofSeconds(1)),
          every(1, null),
          StudentDefinition.defaults()
        }) {
      assertThat(RetrainingSchedule.due(student, 0, Duration.ofDays(365)))
          .as(student.toString())
          .isFalse();
    }
  }

  @Test
  void aZeroIntervalAndNoCountNeverTriggers() {
    assertThat(RetrainingSchedule.due(every(0, Duration.ZERO), 100, Duration.ofDays(1))).isFalse();
    assertThat(RetrainingSchedule.due(every(0, null), 100, Duration.ofDays(1))).isFalse();
  }
}
