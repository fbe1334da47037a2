package dev.weakstream.clients;

import static dev.weakstream.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weakstream.avro.LabeledRecord;
import dev.weakstream.avro.ShardKind;
import dev.weakstream.avro.ShardManifest;
import dev.weakstream.avro.TrainingExample;
import dev.weakstream.kafka.EmbeddedKafkaBroker;
import dev.weakstream.kafka.PipelineTopics;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.pipeline.PipelineLoader;
import dev.weakstream.pipeline.ShardPolicy;
import dev.weakstream.shards.LocalShardStore;
import dev.weakstream.shards.ShardReader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shard collector on a real embedded broker, stopped mid-way and restarted, once with its
 * committed offsets lost (as after a crash between sealing and committing): every admitted record
 * must end up in exactly one sealed shard, gold rows only in the evaluation set, and every shard
 * announced.
 */
@Tag("integration")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ShardCollectorIT {

  @TempDir Path workDir;

  private static final ShardPolicy POLICY =
      new ShardPolicy(0.6, true, 0, 40, Duration.ofSeconds(2), 0, null);

  @Test
  void everyAdmittedRecordIsInExactlyOneSealedShardAcrossRestarts() throws Exception {
    PipelineDefinition pipeline =
        PipelineLoader.load(Path.of(getClass().getResource("/pipelines/valid.yaml").toURI()));
    String labeledTopic = pipeline.output().labeledTopic();
    int total = 600;
    Set<String> training = new HashSet<>();
    Set<String> evaluation = new HashSet<>();
    List<LabeledRecord> records = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      LabeledRecord r = record(i);
      records.add(r);
      if (r.getGoldLabel() != null) {
        evaluation.add(r.getId());
      } else if (r.getConfidence() >= 0.6 && r.getCovered()) {
        training.add(r.getId());
      }
    }

    double alreadySealed;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(workDir.resolve("kafka"), 0)) {
      String bootstrap = broker.bootstrapServers();
      PipelineTopics topics = PipelineTopics.of(pipeline);
      PipelineTopics.create(
          broker.clients(),
          List.of(topics.labeled().withPartitions(2), topics.shards()),
          Duration.ofSeconds(30));
      LocalShardStore store = LocalShardStore.under(workDir, pipeline.name(), POLICY);
      var serializer = topics.labeled().valueSerde().serializer();
      try (KafkaProducer<String, byte[]> producer =
          new KafkaProducer<>(
              Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
              new StringSerializer(),
              new ByteArraySerializer())) {
        for (LabeledRecord r : records.subList(0, total / 2)) {
          producer.send(
              new ProducerRecord<>(labeledTopic, r.getId(), serializer.serialize(labeledTopic, r)));
        }
        producer.send(new ProducerRecord<>(labeledTopic, "junk", new byte[] {1, 2, 3}));
        producer.flush();

        // first run: stopped while shards are open
        SimpleMeterRegistry first = new SimpleMeterRegistry();
        try (ShardCollector collector =
            ShardCollector.start(pipeline, POLICY, store, broker.clients(), first)) {
          await(
              () ->
                  sealed(first) >= 3
                      && first
                              .get("weakstream.shards.records.skipped")
                              .tag("reason", "undecodable")
                              .counter()
                              .count()
                          == 1,
              "three shards sealed, the junk record read");
          assertThat(collector.isRunning()).isTrue();
        }
        assertThat(
                first
                    .get("weakstream.shards.records.skipped")
                    .tag("reason", "undecodable")
                    .counter()
                    .count())
            .isEqualTo(1);

        // lose the committed offsets of partition 0, as if the collector crashed after sealing
        try (Admin admin =
            Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
          admin
              .alterConsumerGroupOffsets(
                  ShardCollector.groupId(pipeline),
                  Map.of(new TopicPartition(labeledTopic, 0), new OffsetAndMetadata(0)))
              .all()
              .get(30, TimeUnit.SECONDS);
        }
        for (LabeledRecord r : records.subList(total / 2, total)) {
          producer.send(
              new ProducerRecord<>(labeledTopic, r.getId(), serializer.serialize(labeledTopic, r)));
        }
        producer.flush();

        // second run: everything ends up sealed (the tail by age)
        SimpleMeterRegistry second = new SimpleMeterRegistry();
        try (ShardCollector collector =
            ShardCollector.start(pipeline, POLICY, store, broker.clients(), second)) {
          await(
              () ->
                  ids(store, ShardKind.TRAINING).size() >= training.size()
                      && ids(store, ShardKind.EVALUATION).size() >= evaluation.size(),
              "every admitted record sealed");
          Thread.sleep(1_000); // a duplicate shard would be sealed now, if any
          assertThat(collector.failure()).isEmpty();
        }
        alreadySealed =
            second
                .get("weakstream.shards.records.skipped")
                .tag("reason", "already_sealed")
                .counter()
                .count();
        assertThat(
                second
                        .get("weakstream.shards.records.admitted")
                        .tag("kind", "evaluation")
                        .counter()
                        .count()
                    + first
                        .get("weakstream.shards.records.admitted")
                        .tag("kind", "evaluation")
                        .counter()
                        .count())
            .isGreaterThanOrEqualTo(evaluation.size());
      }

      List<String> trainingIds = ids(store, ShardKind.TRAINING);
      assertThat(trainingIds).doesNotHaveDuplicates();
      assertThat(new HashSet<>(trainingIds)).isEqualTo(training);
      List<String> evaluationIds = ids(store, ShardKind.EVALUATION);
      assertThat(evaluationIds).doesNotHaveDuplicates();
      assertThat(new HashSet<>(evaluationIds)).isEqualTo(evaluation);
      assertThat(store.evaluationSet()).allMatch(e -> e.getGoldLabel() != null);
      assertThat(alreadySealed)
          .as("records of partition 0 re-read after the lost commit were recognised as sealed")
          .isPositive();

      List<ShardManifest> sealed = new ArrayList<>(store.manifests(ShardKind.TRAINING));
      sealed.addAll(store.manifests(ShardKind.EVALUATION));
      assertThat(sealed).allMatch(m -> verified(store, m));
      assertThat(sealed.stream().mapToLong(ShardManifest::getRecordCount).sum())
          .isEqualTo(training.size() + evaluation.size());
      assertThat(sealed)
          .filteredOn(m -> m.getKind() == ShardKind.TRAINING)
          .allMatch(m -> m.getRecordCount() <= POLICY.sealRecords());
      List<ShardManifest> announced =
          ShardAnnouncements.live(pipeline, broker.clients(), Duration.ofSeconds(30));
      assertThat(announced.stream().map(ShardManifest::getShardId).collect(Collectors.toSet()))
          .isEqualTo(sealed.stream().map(ShardManifest::getShardId).collect(Collectors.toSet()));
      Map<String, ShardManifest> byId = new HashMap<>();
      announced.forEach(m -> byId.put(m.getShardId(), m));
      assertThat(sealed).allMatch(m -> byId.get(m.getShardId()).getSha256().equals(m.getSha256()));
    }
  }

  /** Record i: every 10th has a gold label, every 7th is low-confidence, every 5th uncovered. */
  private static LabeledRecord record(int i) {
    double confidence = i % 7 == 0 ? 0.55 : 0.9;
    int label = i % 3 == 0 ? 1 : 0;
    List<Double> probabilities =
        label == 1 ? List.of(1 - confidence, confidence) : List.of(confidence, 1 - confidence);
    return LabeledRecord.newBuilder()
        .setId("r" + i)
        .setEventTime(Instant.ofEpochMilli(1_700_000_000_000L + i))
        .setText("comment number " + i)
        .setGoldLabel(i % 10 == 0 ? label : null)
        .setVotes(List.of(label, -1))
        .setLfSetVersion("abc123")
        .setProbabilities(probabilities)
        .setLabel(label)
        .setConfidence(confidence)
        .setCovered(i % 5 != 0)
        .setCombinerName("ds")
        .setCombinerVersion("7")
        .setSourcePartition(i % 2)
        .setSourceOffset((long) i)
        .setProcessingTime(Instant.now())
        .build();
  }

  private static double sealed(SimpleMeterRegistry registry) {
    return registry.find("weakstream.shards.sealed").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  private static List<String> ids(LocalShardStore store, ShardKind kind) {
    try {
      return ShardReader.readAll(store, store.manifests(kind)).examples().stream()
          .map(TrainingExample::getId)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean verified(LocalShardStore store, ShardManifest m) {
    try {
      return store.verify(m);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
