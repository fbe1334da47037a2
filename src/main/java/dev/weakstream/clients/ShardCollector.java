package dev.weakstream.clients;

import dev.weakstream.avro.LabeledRecord;
import dev.weakstream.avro.ShardKind;
import dev.weakstream.avro.ShardManifest;
import dev.weakstream.avro.TrainingExample;
import dev.weakstream.kafka.KafkaClients;
import dev.weakstream.kafka.PipelineTopics;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.pipeline.ShardPolicy;
import dev.weakstream.shards.Admission;
import dev.weakstream.shards.SealedShard;
import dev.weakstream.shards.ShardAdmission;
import dev.weakstream.shards.ShardStore;
import dev.weakstream.shards.ShardWriter;
import dev.weakstream.shards.SkipReason;
import dev.weakstream.shards.TrainingExamples;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a pipeline's labeled topic into training shards and the evaluation set: a plain consumer
 * (group {@code <pipeline>-shards}, {@code read_committed}) on a background thread admits each
 * record ({@link ShardAdmission}), writes it into the open shard of its labeled-topic partition and
 * kind, seals shards by count or age into the {@link ShardStore}, applies retention, and announces
 * each sealed manifest on the compacted topic {@code <pipeline>-shards} (key = shard id; a
 * tombstone when retention deletes it).
 *
 * <p><b>Nothing lost:</b> a partition's consumer offset is committed only up to the first record of
 * its oldest open shard, and only after every earlier shard was sealed and announced; a crash
 * re-reads whatever was not in a sealed shard. <b>No duplicates:</b> on (re)assignment the
 * collector asks the store which offsets of the partition are already sealed ({@link
 * ShardStore#sealedThrough}) and skips records at or before them ({@code already_sealed}), so a
 * crash between sealing and committing cannot put a record into two shards. Announcements are
 * at-least-once: shards sealed after the last commit are announced again on assignment, under the
 * same key, so readers keep the last manifest per shard id. Shard ids are deterministic ({@link
 * ShardWriter#shardId}). One collector per store: the local store's view of what is sealed is only
 * complete for the instance that wrote it.
 *
 * <p>{@link #close()} stops without sealing open shards (their records are re-read on the next
 * start, so shard boundaries follow the policy, not restarts). The collector owns its consumer and
 * producer but not the store or the meter registry. Thread-safe to close from any thread.
 */
public final class ShardCollector implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ShardCollector.class);

  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

  private final PipelineDefinition pipeline;
  private final ShardPolicy policy;
  private final ShardStore store;
  private final Clock clock;
  private final String labeledTopic;
  private final String shardsTopic;
  private final Serializer<ShardManifest> manifests;
  private final KafkaConsumer<String, byte[]> consumer;
  private final KafkaProducer<String, byte[]> producer;
  private final Deserializer<LabeledRecord> labeled;
  private final ShardAdmission admission;
  private final Map<TopicPartition, PartitionShards> partitions = new HashMap<>();
  private final Map<ShardKind, Counter> admitted = new EnumMap<>(ShardKind.class);
  private final Map<ShardKind, Counter> sealed = new EnumMap<>(ShardKind.class);
  private final Map<SkipReason, Counter> skipped = new EnumMap<>(SkipReason.class);
  private final Counter deleted;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Throwable failure;
  private Instant lastCommit = Instant.EPOCH;

  /** The open shards, positions and sealed offsets of one assigned labeled-topic partition. */
  private final class PartitionShards {
    final Map<ShardKind, ShardWriter> writers = new EnumMap<>(ShardKind.class);
    final Map<ShardKind, Long> sealedThrough = new EnumMap<>(ShardKind.class);
    long consumed = -1;
    long committed = -1;

    PartitionShards(int partition) throws IOException {
      for (ShardKind kind : ShardKind.values()) {
        writers.put(
            kind,
            new ShardWriter(
                pipeline.name(),
                kind,
                partition,
                pipeline.numClasses(),
                policy,
                store.stagingDirectory(),
                clock));
        sealedThrough.put(kind, store.sealedThrough(kind, partition).orElse(-1));
      }
    }

    /**
     * The offset up to which everything is sealed or skipped: the next record not yet in a sealed
     * shard.
     */
    long safeToCommit() {
      long safe = consumed;
      for (ShardWriter w : writers.values()) {
        if (w.firstOffset().isPresent()) {
          safe = Math.min(safe, w.firstOffset().getAsLong());
        }
      }
      return safe;
    }

    void discard() throws IOException {
      for (ShardWriter w : writers.values()) {
        w.discard();
      }
    }
  }

  private ShardCollector(
      PipelineDefinition pipeline,
      ShardPolicy policy,
      ShardStore store,
      KafkaClients clients,
      MeterRegistry registry,
      Clock clock) {
    this.pipeline = pipeline;
    this.policy = policy;
    this.store = store;
    this.clock = clock;
    PipelineTopics topics = PipelineTopics.of(pipeline);
    this.labeledTopic = topics.labeled().name();
    this.shardsTopic = topics.shards().name();
    this.manifests = topics.shards().valueSerde().serializer();
    this.labeled = topics.labeled().valueSerde().deserializer();
    this.admission = new ShardAdmission(policy);

    this.consumer =
        clients.consumer(
            groupId(pipeline) + "-consumer",
            Map.of(ConsumerConfig.GROUP_ID_CONFIG, groupId(pipeline)),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    this.producer =
        clients.producer(
            groupId(pipeline) + "-producer",
            Map.of(),
            new StringSerializer(),
            new ByteArraySerializer());

    for (ShardKind kind : ShardKind.values()) {
      String tag = kind.name().toLowerCase(Locale.ROOT);
      admitted.put(
          kind,
          Counter.builder("weakstream.shards.records.admitted")
              .description(
                  "Labeled records written into a shard (kind=evaluation: gold rows for the evaluation set)")
              .tags("pipeline", pipeline.name(), "kind", tag)
              .register(registry));
      sealed.put(
          kind,
          Counter.builder("weakstream.shards.sealed")
              .description("Shards sealed and announced")
              .tags("pipeline", pipeline.name(), "kind", tag)
              .register(registry));
    }
    for (SkipReason reason : SkipReason.values()) {
      skipped.put(
          reason,
          Counter.builder("weakstream.shards.records.skipped")
              .description("Labeled records kept out of every shard, by reason")
              .tags("pipeline", pipeline.name(), "reason", reason.tag())
              .register(registry));
    }
    deleted =
        Counter.builder("weakstream.shards.deleted")
            .description("Training shards deleted by retention")
            .tags("pipeline", pipeline.name())
            .register(registry);
    this.thread = new Thread(this::run, "weakstream-shards-" + pipeline.name());
    this.thread.setDaemon(true);
  }

  /**
   * Removes a previous run's unsealed files from the store ({@link ShardStore#recover()}) and
   * starts collecting on a background thread. The labeled and shards topics must exist ({@link
   * PipelineTopics#create}).
   *
   * @param policy admission, sealing and retention (usually {@code pipeline.shards()})
   * @param store where shards go; not closed by the collector
   * @param clients the cluster and its client properties, for the consumer and producer
   * @param registry where the {@code weakstream.shards.*} meters are registered; not closed here
   */
  public static ShardCollector start(
      PipelineDefinition pipeline,
      ShardPolicy policy,
      ShardStore store,
      KafkaClients clients,
      MeterRegistry registry) {
    return start(pipeline, policy, store, clients, registry, Clock.systemUTC());
  }

  static ShardCollector start(
      PipelineDefinition pipeline,
      ShardPolicy policy,
      ShardStore store,
      KafkaClients clients,
      MeterRegistry registry,
      Clock clock) {
    try {
      store.recover();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean up the shard store before starting", e);
    }
    ShardCollector collector =
        new ShardCollector(pipeline, policy, store, clients, registry, clock);
    collector.thread.start();
    return collector;
  }

  /** The collector's consumer group: {@code <pipeline>-shards} (the shards topic's name, too). */
  public static String groupId(PipelineDefinition pipeline) {
    return pipeline.name() + "-shards";
  }

  /** True while the background thread runs (false after {@link #close()} or a failure). */
  public boolean isRunning() {
    return thread.isAlive();
  }

  /** What stopped the collector, if it failed (e.g. the store's disk is full). */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * Stops the thread, discards open shards (their records are re-read on the next start), and
   * closes the Kafka clients. Idempotent.
   */
  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(60));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      consumer.subscribe(List.of(labeledTopic), new Rebalance());
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          handle(record);
        }
        Instant now = clock.instant();
        for (PartitionShards shards : partitions.values()) {
          for (ShardWriter writer : shards.writers.values()) {
            if (writer.isDue(now)) {
              sealAndAnnounce(writer);
            }
          }
        }
        commit(false);
      }
    } catch (WakeupException e) {
      if (running) {
        failure = e;
      }
    } catch (Throwable t) {
      failure = t;
      LOG.error("Shard collector of pipeline {} stopped", pipeline.name(), t);
    } finally {
      for (PartitionShards shards : partitions.values()) {
        try {
          shards.discard();
        } catch (IOException e) {
          LOG.warn("Cannot delete an open shard file: {}", e.toString());
        }
      }
      partitions.clear();
      closeQuietly(consumer);
      closeQuietly(producer);
    }
  }

  private void handle(ConsumerRecord<String, byte[]> record) throws IOException {
    PartitionShards shards = partitions.get(new TopicPartition(record.topic(), record.partition()));
    shards.consumed = record.offset() + 1;
    TrainingExample example;
    try {
      LabeledRecord value = labeled.deserialize(record.topic(), record.value());
      example = value == null ? null : TrainingExamples.of(value);
    } catch (SerializationException e) {
      example = null;
    }
    if (example == null || !fitsPipeline(example)) {
      skip(SkipReason.UNDECODABLE);
      LOG.warn(
          "Skipping offset {} of {}-{}: not a LabeledRecord of pipeline {}",
          record.offset(),
          record.topic(),
          record.partition(),
          pipeline.name());
      return;
    }
    if (record.offset() <= shards.sealedThrough.get(ShardAdmission.destination(example))) {
      skip(SkipReason.ALREADY_SEALED);
      return;
    }
    Admission decision =
        admission.decide(example, shards.writers.get(ShardKind.TRAINING).histogram());
    if (decision instanceof Admission.Skip skip) {
      skipped.get(skip.reason()).increment();
      return;
    }
    ShardKind kind = ((Admission.Admit) decision).kind();
    ShardWriter writer = shards.writers.get(kind);
    writer.append(example, record.offset());
    admitted.get(kind).increment();
    if (writer.isDue(clock.instant())) {
      sealAndAnnounce(writer);
    }
  }

  private boolean fitsPipeline(TrainingExample example) {
    int n = pipeline.numClasses();
    Integer gold = example.getGoldLabel();
    return example.getLabel() >= 0
        && example.getLabel() < n
        && example.getProbabilities().size() == n
        && (gold == null || (gold >= 0 && gold < n));
  }

  private void skip(SkipReason reason) {
    admission.skip(reason);
    skipped.get(reason).increment();
  }

  private void sealAndAnnounce(ShardWriter writer) throws IOException {
    SealedShard shard = writer.seal();
    ShardManifest manifest = store.seal(shard);
    partitions
        .get(new TopicPartition(labeledTopic, writer.partition()))
        .sealedThrough
        .put(writer.kind(), manifest.getLastOffset());
    announce(manifest.getShardId(), manifests.serialize(shardsTopic, manifest));
    sealed.get(writer.kind()).increment();
    LOG.info("Sealed shard {} ({} records)", manifest.getShardId(), manifest.getRecordCount());
    for (ShardManifest gone : store.applyRetention(clock.instant())) {
      announce(gone.getShardId(), null);
      deleted.increment();
    }
    commit(true);
  }

  private void announce(String shardId, byte[] manifest) {
    try {
      producer
          .send(new ProducerRecord<>(shardsTopic, shardId, manifest))
          .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while announcing shard " + shardId, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot announce shard " + shardId + " on " + shardsTopic, e);
    }
  }

  /** Commits, per partition, the offset before which every record is sealed or skipped. */
  private void commit(boolean now) {
    Instant time = clock.instant();
    if (!now && time.isBefore(lastCommit.plus(COMMIT_INTERVAL))) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (Map.Entry<TopicPartition, PartitionShards> e : partitions.entrySet()) {
      long safe = e.getValue().safeToCommit();
      if (safe > e.getValue().committed) {
        offsets.put(e.getKey(), new OffsetAndMetadata(safe));
      }
    }
    if (!offsets.isEmpty()) {
      consumer.commitSync(offsets);
      offsets.forEach((tp, o) -> partitions.get(tp).committed = o.offset());
    }
    lastCommit = time;
  }

  /**
   * Tracks assigned partitions: re-announces sealed-but-uncommitted shards, drops open shards on
   * loss.
   */
  private final class Rebalance implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
      commit(true);
      drop(revoked);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
      drop(lost);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
      try {
        Map<TopicPartition, OffsetAndMetadata> committed =
            consumer.committed(new HashSet<>(assigned));
        for (TopicPartition tp : assigned) {
          PartitionShards shards = new PartitionShards(tp.partition());
          OffsetAndMetadata c = committed.get(tp);
          shards.committed = c == null ? -1 : c.offset();
          partitions.put(tp, shards);
          reannounceUncommitted(tp.partition(), shards.committed);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the shard store", e);
      }
    }

    private void reannounceUncommitted(int partition, long committed) throws IOException {
      for (ShardKind kind : ShardKind.values()) {
        for (ShardManifest m : store.manifests(kind)) {
          if (m.getPartition() == partition && m.getLastOffset() >= committed) {
            announce(m.getShardId(), manifests.serialize(shardsTopic, m));
          }
        }
      }
    }

    private void drop(Collection<TopicPartition> partitionsGone) {
      for (TopicPartition tp : partitionsGone) {
        PartitionShards shards = partitions.remove(tp);
        if (shards != null) {
          try {
            shards.discard();
          } catch (IOException e) {
            LOG.warn("Cannot delete an open shard file of {}: {}", tp, e.toString());
          }
        }
      }
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.warn("Error closing {}: {}", closeable.getClass().getSimpleName(), e.toString());
    }
  }
}
