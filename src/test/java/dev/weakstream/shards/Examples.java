package dev.weakstream.shards;

import dev.weakstream.avro.TrainingExample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/** Training examples and a settable clock for shard tests. */
final class Examples {

  private Examples() {}

  /**
   * A two-class example with the given label, confidence, coverage and gold label (null for none).
   */
  static TrainingExample example(
      String id, int label, double confidence, boolean covered, Integer gold) {
    return TrainingExample.newBuilder()
        .setId(id)
        .setText("text of " + id)
        .setProbabilities(
            label == 0 ? List.of(confidence, 1 - confidence) : List.of(1 - confidence, confidence))
        .setLabel(label)
        .setConfidence(confidence)
        .setCovered(covered)
        .setVotes(List.of(label, -1))
        .setLfSetVersion("lfs-1")
        .setCombinerName("ds")
        .setCombinerVersion("v3")
        .setTeacherName(covered ? null : "minilm")
        .setTeacherVersion(covered ? null : "m1")
        .setTeacherEmbedding(covered ? null : List.of(0.25f, -0.5f))
        .setSourcePartition(0)
        .setSourceOffset(42L)
        .setEventTime(Instant.ofEpochMilli(1_700_000_000_000L + id.hashCode() % 1000))
        .setGoldLabel(gold)
        .build();
  }

  static TrainingExample example(String id, int label) {
    return example(id, label, 0.9, true, null);
  }

  /** A clock that moves only when told. */
  static final class SettableClock extends Clock {
    private Instant now;

    SettableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
