package dev.weakstream.registry;

import dev.weakstream.kafka.NewTopicSpec;
import java.util.List;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The two topics of a pipeline's model registry. Both are compacted and single-partition: the
 * models topic keeps the latest status of every {@code <name>/<version>}, in one order that every
 * follower sees; the artifact topic keeps every chunk {@code <name>/<version>/<index>}.
 *
 * @param models the compacted topic of {@code ModelRelease} records
 * @param artifacts the compacted topic of artifact chunks
 */
public record ModelTopics(String models, String artifacts) {

  public static final String MODELS_SUFFIX = "-models";
  public static final String ARTIFACTS_SUFFIX = "-model-artifacts";

  /** Room for the record key, headers and batch overhead on top of a chunk. */
  static final int CHUNK_OVERHEAD_BYTES = 64 * 1024;

  public static ModelTopics of(String pipeline) {
    return new ModelTopics(pipeline + MODELS_SUFFIX, pipeline + ARTIFACTS_SUFFIX);
  }

  /**
   * The topics as created when absent: compacted, one partition, artifact messages sized for a
   * chunk.
   */
  public List<NewTopicSpec> specs(int chunkBytes, int replicationFactor) {
    NewTopicSpec modelsSpec =
        NewTopicSpec.compacted(models, 1).withReplicationFactor(replicationFactor);
    NewTopicSpec artifactsSpec =
        NewTopicSpec.compacted(artifacts, 1)
            .withReplicationFactor(replicationFactor)
            .withConfig(
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                Integer.toString(chunkBytes + CHUNK_OVERHEAD_BYTES));
    return List.of(modelsSpec, artifactsSpec);
  }
}
