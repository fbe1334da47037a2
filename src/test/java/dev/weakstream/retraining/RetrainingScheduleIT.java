package dev.weakstream.retraining;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weakstream.avro.ModelRelease;
import dev.weakstream.avro.ModelStatus;
import dev.weakstream.avro.ShardKind;
import dev.weakstream.avro.ShardManifest;
import dev.weakstream.kafka.EmbeddedKafkaBroker;
import dev.weakstream.kafka.PipelineTopics;
import dev.weakstream.kafka.Topic;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.pipeline.PipelineLoader;
import dev.weakstream.pipeline.ShardPolicy;
import dev.weakstream.pipeline.StudentDefinition;
import dev.weakstream.registry.PromotionDecision;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer is triggered by the shards topic: rounds start after {@code retrain_every_shards}
 * newly announced training shards, a re-announcement or an evaluation shard does not count, and a
 * shard deleted by retention no longer counts.
 */
@Tag("integration")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RetrainingScheduleIT {

  private static final Duration QUIET = Duration.ofSeconds(2);

  @TempDir Path workDir;

  @Test
  void roundsStartAfterEveryTwoNewlyAnnouncedTrainingShards() throws Exception {
    PipelineDefinition pipeline = pipeline(2);
    AtomicInteger rounds = new AtomicInteger();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(workDir.resolve("kafka"), 0)) {
      Topic<String, ShardManifest> shards = PipelineTopics.of(pipeline).shards();
      PipelineTopics.create(broker.clients(), List.of(shards), Duration.ofSeconds(30));
      try (KafkaProducer<String, byte[]> producer =
          broker
              .clients()
              .producer(
                  "schedule-it", Map.of(), new StringSerializer(), new ByteArraySerializer())) {
        RetrainingSchedule schedule =
            RetrainingSchedule.start(
                pipeline,
                broker.clients(),
                () -> outcome(rounds.incrementAndGet()),
                meters,
                o -> {});
        try {
          announce(producer, shards, manifest("t1", ShardKind.TRAINING));
          announce(producer, shards, manifest("t1", ShardKind.TRAINING)); // at-least-once
          announce(producer, shards, manifest("e1", ShardKind.EVALUATION));
          Thread.sleep(QUIET.toMillis());
          assertThat(rounds).as("one new training shard, announced twice").hasValue(0);

          announce(producer, shards, manifest("t2", ShardKind.TRAINING));
          awaitRounds(rounds, 1);

          announce(producer, shards, manifest("t3", ShardKind.TRAINING));
          announce(producer, shards, null, "t3"); // retention deleted it before the next one
          announce(producer, shards, manifest("t4", ShardKind.TRAINING));
          Thread.sleep(QUIET.toMillis());
          assertThat(rounds).as("t3 was deleted: only t4 is new").hasValue(1);

          announce(producer, shards, manifest("t5", ShardKind.TRAINING));
          awaitRounds(rounds, 2);
          Thread.sleep(QUIET.toMillis());
          assertThat(rounds).hasValue(2);
        } finally {
          schedule.close();
        }
      }
    }
    assertThat(
            meters
                .get("weakstream.student.retrain.rounds")
                .tag("outcome", "promoted")
                .counter()
                .count())
        .isEqualTo(2);
  }

  @Test
  void aFailedRoundIsCountedAndTriedAgain() throws Exception {
    PipelineDefinition pipeline = pipeline(1);
    AtomicInteger attempts = new AtomicInteger();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(workDir.resolve("kafka"), 0)) {
      Topic<String, ShardManifest> shards = PipelineTopics.of(pipeline).shards();
      PipelineTopics.create(broker.clients(), List.of(shards), Duration.ofSeconds(30));
      try (KafkaProducer<String, byte[]> producer =
          broker
              .clients()
              .producer(
                  "schedule-it", Map.of(), new StringSerializer(), new ByteArraySerializer())) {
        RetrainingSchedule schedule =
            RetrainingSchedule.start(
                pipeline,
                broker.clients(),
                () -> {
                  if (attempts.incrementAndGet() == 1) {
                    throw new IllegalStateException("the store is not ready");
                  }
                  return outcome(attempts.get());
                },
                meters,
                o -> {});
        try {
          announce(producer, shards, manifest("t1", ShardKind.TRAINING));
          awaitRounds(attempts, 2);
        } finally {
          schedule.close();
        }
      }
    }
    assertThat(
            meters
                .get("weakstream.student.retrain.rounds")
                .tag("outcome", "failed")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(
            meters
                .get("weakstream.student.retrain.rounds")
                .tag("outcome", "promoted")
                .counter()
                .count())
        .isEqualTo(1);
  }

  private PipelineDefinition pipeline(int retrainEveryShards) throws Exception {
    StudentDefinition d = StudentDefinition.defaults();
    return PipelineLoader.load(Path.of(getClass().getResource("/pipelines/valid.yaml").toURI()))
        .withShards(new ShardPolicy(0.0, false, 0, 100, Duration.ofSeconds(5), 0, null))
        .withStudent(
            new StudentDefinition(
                d.features(),
                d.hashBits(),
                d.seed(),
                d.l2(),
                retrainEveryShards,
                null,
                d.promotionMargin(),
                d.rollbackAgreement(),
                d.skipTeacherConfidence()));
  }

  private static void announce(
      KafkaProducer<String, byte[]> producer,
      Topic<String, ShardManifest> shards,
      ShardManifest manifest)
      throws Exception {
    announce(producer, shards, manifest, manifest.getShardId());
  }

  private static void announce(
      KafkaProducer<String, byte[]> producer,
      Topic<String, ShardManifest> shards,
      ShardManifest manifest,
      String shardId)
      throws Exception {
    byte[] value =
        manifest == null
            ? null
            : shards.valueSerde().serializer().serialize(shards.name(), manifest);
    producer.send(new ProducerRecord<>(shards.name(), shardId, value)).get();
  }

  private static void awaitRounds(AtomicInteger rounds, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (rounds.get() < expected && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(rounds).hasValue(expected);
  }

  private static ShardManifest manifest(String id, ShardKind kind) {
    return ShardManifest.newBuilder()
        .setShardId(id)
        .setPipeline("test-pipeline")
        .setKind(kind)
        .setLocation(kind.name().toLowerCase(java.util.Locale.ROOT) + "/" + id + ".avro")
        .setRecordCount(10)
        .setClassHistogram(List.of(5L, 5L))
        .setMinEventTime(Instant.EPOCH)
        .setMaxEventTime(Instant.EPOCH)
        .setCreatedAt(Instant.EPOCH)
        .setSha256("00".repeat(32))
        .setPartition(0)
        .setFirstOffset(0)
        .setLastOffset(9)
        .setLfSetVersions(List.of())
        .setLabelModelVersions(List.of())
        .setTeacherVersions(List.of())
        .build();
  }

  /** What the schedule is told a round did: version {@code version}, promoted. */
  private static StudentRetraining.Outcome outcome(int version) {
    Instant t = Instant.parse("2025-01-01T00:00:00Z");
    ModelRelease release =
        ModelRelease.newBuilder()
            .setName("test-pipeline-student")
            .setVersion(version)
            .setStatus(ModelStatus.ACTIVE)
            .setFormat("onnx")
            .setSha256("00".repeat(32))
            .setSizeBytes(10)
            .setChunkCount(1)
            .setChunkBytes(512 * 1024)
            .setArtifactTopic("test-pipeline-model-artifacts")
            .setArtifactPartition(0)
            .setArtifactOffset(0)
            .setMetrics(Map.of())
            .setProvenance(Map.of())
            .setCreatedAt(t)
            .setUpdatedAt(t)
            .build();
    return new StudentRetraining.Outcome(
        null,
        release,
        new PromotionDecision(true, "test round", release, Optional.empty()),
        1,
        10,
        0,
        0.1);
  }
}
