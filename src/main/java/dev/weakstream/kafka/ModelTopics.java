package dev.weakstream.kafka;

import dev.weakstream.avro.ModelRelease;
import java.util.List;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The two topics of a pipeline's model registry, part of its {@link PipelineTopics}. Both are
 * compacted and single-partition: the models topic keeps the latest status of every {@code
 * <name>/<version>}, in one order that every follower sees; the artifact topic keeps every chunk
 * {@code <name>/<version>/<index>}, its messages sized for a chunk.
 *
 * @param models the compacted topic of {@code ModelRelease} records
 * @param artifacts the compacted topic of artifact chunks
 */
public record ModelTopics(Topic<String, ModelRelease> models, Topic<String, byte[]> artifacts) {

  static final String MODELS_SUFFIX = "-models";
  static final String ARTIFACTS_SUFFIX = "-model-artifacts";

  /** Default artifact chunk size: 512 KiB, well under every broker's default message limit. */
  public static final int DEFAULT_CHUNK_BYTES = 512 * 1024;

  /** Room for the record key, headers and batch overhead on top of a chunk. */
  public static final int CHUNK_OVERHEAD_BYTES = 64 * 1024;

  /**
   * The registry topics of {@code pipeline}.
   *
   * @param chunkBytes the artifact chunk size: the artifact topic accepts messages of a chunk
   * @param replicationFactor of both topics when they are created
   */
  public static ModelTopics of(String pipeline, int chunkBytes, int replicationFactor) {
    return new ModelTopics(
        new Topic<>(
            NewTopicSpec.compacted(pipeline + MODELS_SUFFIX, 1)
                .withReplicationFactor(replicationFactor),
            Serdes.String(),
            new AvroSerde<>(new ModelRelease())),
        new Topic<>(
            NewTopicSpec.compacted(pipeline + ARTIFACTS_SUFFIX, 1)
                .withReplicationFactor(replicationFactor)
                .withConfig(
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                    Integer.toString(chunkBytes + CHUNK_OVERHEAD_BYTES)),
            Serdes.String(),
            Serdes.ByteArray()));
  }

  /** Both topics, as they are created. */
  public List<Topic<?, ?>> all() {
    return List.of(models, artifacts);
  }
}
