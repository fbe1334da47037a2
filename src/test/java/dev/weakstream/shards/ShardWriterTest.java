package dev.weakstream.shards;

import static dev.weakstream.shards.Examples.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weakstream.avro.ShardKind;
import dev.weakstream.avro.ShardManifest;
import dev.weakstream.pipeline.ShardPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardWriterTest {

  @TempDir Path temp;

  private final Examples.SettableClock clock =
      new Examples.SettableClock(Instant.parse("2026-01-01T00:00:00Z"));

  private ShardWriter writer(ShardKind kind, int sealRecords, Duration sealAge) {
    ShardPolicy policy = new ShardPolicy(0, false, 0, sealRecords, sealAge, 0, null);
    return new ShardWriter("spam", kind, 1, 2, policy, temp.resolve("staging"), clock);
  }

  @Test
  void isDueAtSealRecordsAndSealsADeterministicallyNamedShard() throws Exception {
    try (ShardWriter writer = writer(ShardKind.TRAINING, 3, Duration.ofHours(1))) {
      writer.append(example("a", 0), 10);
      writer.append(example("b", 1), 11);
      assertThat(writer.isDue(clock.instant())).isFalse();
      writer.append(example("c", 1), 15);
      assertThat(writer.isDue(clock.instant())).isTrue();
      assertThat(writer.histogram()).containsExactly(1, 2);

      SealedShard sealed = writer.seal();
      ShardManifest m = sealed.manifest();
      assertThat(m.getShardId())
          .isEqualTo("spam-training-p1-10-15")
          .isEqualTo(ShardWriter.shardId("spam", ShardKind.TRAINING, 1, 10, 15));
      assertThat(m.getRecordCount()).isEqualTo(3);
      assertThat(m.getClassHistogram()).containsExactly(1L, 2L);
      assertThat(m.getFirstOffset()).isEqualTo(10);
      assertThat(m.getLastOffset()).isEqualTo(15);
      assertThat(m.getPartition()).isEqualTo(1);
      assertThat(m.getCreatedAt()).isEqualTo(clock.instant());
      assertThat(m.getLabelModelVersions()).containsExactly("ds:v3");
      assertThat(m.getLfSetVersions()).containsExactly("lfs-1");
      assertThat(m.getMinEventTime()).isBeforeOrEqualTo(m.getMaxEventTime());
      assertThat(m.getSha256())
          .isEqualTo(ShardWriter.sha256(sealed.file()))
          .matches("[0-9a-f]{64}");
      // the writer is empty again and the next record opens a new shard
      assertThat(writer.recordCount()).isZero();
      assertThat(writer.firstOffset()).isEmpty();
      writer.append(example("d", 0), 16);
      assertThat(writer.firstOffset()).hasValue(16);
    }
  }

  @Test
  void isDueWhenTheFirstRecordIsSealAgeOld() throws Exception {
    try (ShardWriter writer = writer(ShardKind.TRAINING, 1000, Duration.ofSeconds(30))) {
      assertThat(writer.isDue(clock.instant().plus(Duration.ofDays(1))))
          .as("an empty shard is never due")
          .isFalse();
      writer.append(example("a", 0), 0);
      clock.advance(Duration.ofSeconds(20));
      writer.append(example("b", 0), 1);
      assertThat(writer.isDue(clock.instant())).isFalse();
      clock.advance(Duration.ofSeconds(10));
      assertThat(writer.isDue(clock.instant())).isTrue();
      assertThat(writer.seal().manifest().getRecordCount()).isEqualTo(2);
    }
  }

  @Test
  void sealedFileIsReadableByPlainAvroWithoutGeneratedClasses() throws Exception {
    SealedShard sealed;
    try (ShardWriter writer = writer(ShardKind.TRAINING, 10, null)) {
      writer.append(example("a", 0), 0);
      writer.append(example("u", 1, 0.7, false, null), 1);
      sealed = writer.seal();
    }
    List<GenericRecord> records = new ArrayList<>();
    try (DataFileReader<GenericRecord> in =
        new DataFileReader<>(sealed.file().toFile(), new GenericDatumReader<>())) {
      assertThat(in.getMetaString("avro.codec")).isEqualTo("deflate");
      assertThat(in.getMetaString("weakstream.pipeline")).isEqualTo("spam");
      assertThat(in.getSchema().getField("probabilities").doc()).isNotBlank();
      in.forEach(records::add);
    }
    assertThat(records).hasSize(2);
    GenericRecord taught = records.get(1);
    assertThat(taught.get("id").toString()).isEqualTo("u");
    assertThat((List<?>) taught.get("probabilities")).hasSize(2);
    assertThat(taught.get("teacher_name").toString()).isEqualTo("minilm");
    assertThat(taught.get("teacher_embedding")).isEqualTo(List.of(0.25f, -0.5f));
    assertThat(taught.get("gold_label")).isNull();
    assertThat(taught.get("event_time")).isInstanceOf(Long.class);
  }

  @Test
  void evaluationShardsCountGoldLabels() throws Exception {
    try (ShardWriter writer = writer(ShardKind.EVALUATION, 10, null)) {
      writer.append(example("g1", 1, 0.9, true, 0), 3);
      writer.append(example("g2", 1, 0.9, true, 0), 4);
      ShardManifest m = writer.seal().manifest();
      assertThat(m.getClassHistogram()).containsExactly(2L, 0L);
      assertThat(m.getShardId()).isEqualTo("spam-evaluation-p1-3-4");
    }
  }

  @Test
  void discardDeletesTheOpenFileAndOffsetsMustIncrease() throws Exception {
    try (ShardWriter writer = writer(ShardKind.TRAINING, 10, null)) {
      writer.append(example("a", 0), 5);
      assertThrows(IllegalArgumentException.class, () -> writer.append(example("b", 0), 5));
      assertThat(Files.list(temp.resolve("staging"))).hasSize(1);
      writer.discard();
      assertThat(Files.list(temp.resolve("staging"))).isEmpty();
      assertThrows(IllegalStateException.class, writer::seal);
    }
  }
}
