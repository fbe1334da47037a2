package dev.weakstream.kafka;

import dev.weakstream.avro.DeadLetter;
import dev.weakstream.avro.LabelModelRelease;
import dev.weakstream.avro.LabelModelStatistics;
import dev.weakstream.avro.LabeledRecord;
import dev.weakstream.avro.ShardManifest;
import dev.weakstream.pipeline.PipelineDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic one pipeline uses, in one place: its name, its serdes and how it is created. The
 * stream, the shard collector, the trainer and the model registry all take their topics from here,
 * and {@link #create} is the one call that creates them.
 *
 * <ul>
 *   <li>{@code raw}: raw bytes in (Avro or JSON, decoded by the topology so bad bytes can be
 *       dead-lettered), {@code labeled} and {@code deadLetters}: Avro records out; all three with
 *       the pipeline's partition count;
 *   <li>{@code statistics} and {@code labelModel}: the label model's per-task statistics and its
 *       fitted releases, compacted, one partition, sized for large statistics;
 *   <li>{@code shards}: the sealed shards' manifests ({@code <pipeline>-shards}, compacted, key =
 *       shard id, a tombstone when retention deletes a shard), what a trainer follows;
 *   <li>{@code registry}: the model registry's releases and artifact chunks ({@link ModelTopics}).
 * </ul>
 *
 * <p>Immutable; the serdes are thread-safe.
 */
public record PipelineTopics(
    Topic<byte[], byte[]> raw,
    Topic<String, LabeledRecord> labeled,
    Topic<String, DeadLetter> deadLetters,
    Topic<String, LabelModelStatistics> statistics,
    Topic<String, LabelModelRelease> labelModel,
    Topic<String, ShardManifest> shards,
    ModelTopics registry) {

  static final String STATISTICS_SUFFIX = "-label-model-statistics";
  static final String LABEL_MODEL_SUFFIX = "-label-model";
  static final String SHARDS_SUFFIX = "-shards";

  /**
   * Largest message of the label model's topics (and what the application writes): statistics of
   * many sources can pass Kafka's 1 MB default.
   */
  public static final int LABEL_MODEL_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

  /** How long {@link #create} waits for the cluster. */
  static final Duration CREATE_TIMEOUT = Duration.ofSeconds(30);

  public static PipelineTopics of(PipelineDefinition pipeline) {
    int partitions = pipeline.output().partitions();
    String name = pipeline.name();
    return new PipelineTopics(
        new Topic<>(
            NewTopicSpec.of(pipeline.input().topic(), partitions),
            Serdes.ByteArray(),
            Serdes.ByteArray()),
        new Topic<>(
            NewTopicSpec.of(pipeline.output().labeledTopic(), partitions),
            Serdes.String(),
            new AvroSerde<>(new LabeledRecord())),
        new Topic<>(
            NewTopicSpec.of(pipeline.output().deadLetterTopic(), partitions),
            Serdes.String(),
            new AvroSerde<>(new DeadLetter())),
        new Topic<>(
            labelModelSpec(name + STATISTICS_SUFFIX),
            Serdes.String(),
            new AvroSerde<>(new LabelModelStatistics())),
        new Topic<>(
            labelModelSpec(name + LABEL_MODEL_SUFFIX),
            Serdes.String(),
            new AvroSerde<>(new LabelModelRelease())),
        new Topic<>(
            NewTopicSpec.compacted(name + SHARDS_SUFFIX, 1),
            Serdes.String(),
            new AvroSerde<>(new ShardManifest())),
        ModelTopics.of(name, ModelTopics.DEFAULT_CHUNK_BYTES, 1));
  }

  private static NewTopicSpec labelModelSpec(String name) {
    return NewTopicSpec.compacted(name, 1)
        .withConfig(
            TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(LABEL_MODEL_MAX_MESSAGE_BYTES));
  }

  /**
   * The topics {@code pipeline}'s definition uses: the data and label-model topics always, the
   * shards topic with a {@code shards:} section, the registry's with a {@code student:} section.
   */
  public List<Topic<?, ?>> inUse(PipelineDefinition pipeline) {
    List<Topic<?, ?>> topics =
        new ArrayList<>(List.of(raw, labeled, deadLetters, statistics, labelModel));
    if (pipeline.shards() != null) {
      topics.add(shards);
    }
    if (pipeline.student() != null) {
      topics.addAll(registry.all());
    }
    return topics;
  }

  /**
   * Creates the topics {@code pipeline} uses ({@link #inUse}) that the cluster does not have yet.
   *
   * @return the names of the topics this call created
   * @throws IllegalStateException if the cluster does not answer or refuses a creation
   */
  public static List<String> create(PipelineDefinition pipeline, KafkaClients clients) {
    return create(clients, of(pipeline).inUse(pipeline), CREATE_TIMEOUT);
  }

  /**
   * Creates whichever of {@code topics} the cluster does not have yet, as their specs say, waiting
   * at most {@code timeout}.
   */
  public static List<String> create(
      KafkaClients clients, List<? extends Topic<?, ?>> topics, Duration timeout) {
    return TopicCreator.ensureTopics(clients, topics.stream().map(Topic::spec).toList(), timeout);
  }
}
