package dev.weakstream.registry;

import dev.weakstream.kafka.KafkaClients;
import dev.weakstream.kafka.ModelTopics;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one pipeline's model registry: the pipeline (it names the topics), the cluster and
 * its client properties, the artifact chunk size, the replication factor of topics created here,
 * and the timeout of one registry operation.
 *
 * @param pipeline pipeline name; the topics are {@code <pipeline>-models} and {@code
 *     <pipeline>-model-artifacts}
 * @param clients the cluster and its client properties (security settings), for every client here
 * @param chunkBytes size of an artifact chunk (64 KiB to 8 MiB)
 * @param replicationFactor replication factor of the two topics when this code creates them
 * @param timeout longest wait of one operation (topic creation, reading the topic, fetching an
 *     artifact)
 */
public record RegistrySettings(
    String pipeline,
    KafkaClients clients,
    int chunkBytes,
    int replicationFactor,
    Duration timeout) {

  /** Default chunk size: 512 KiB, well under every broker's default message limit. */
  public static final int DEFAULT_CHUNK_BYTES = ModelTopics.DEFAULT_CHUNK_BYTES;

  public RegistrySettings {
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(clients, "clients");
    Objects.requireNonNull(timeout, "timeout");
    if (pipeline.isBlank()) {
      throw new IllegalArgumentException("pipeline name must not be blank");
    }
    if (chunkBytes < 64 * 1024 || chunkBytes > 8 * 1024 * 1024) {
      throw new IllegalArgumentException(
          "chunkBytes must be between 64 KiB and 8 MiB, was " + chunkBytes);
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException(
          "replicationFactor must be >= 1, was " + replicationFactor);
    }
  }

  /** 512 KiB chunks, replication factor 1, 30 s timeout. */
  public static RegistrySettings of(String pipeline, KafkaClients clients) {
    return new RegistrySettings(pipeline, clients, DEFAULT_CHUNK_BYTES, 1, Duration.ofSeconds(30));
  }

  public RegistrySettings withChunkBytes(int bytes) {
    return new RegistrySettings(pipeline, clients, bytes, replicationFactor, timeout);
  }

  public RegistrySettings withReplicationFactor(int factor) {
    return new RegistrySettings(pipeline, clients, chunkBytes, factor, timeout);
  }

  /** The registry's topics, from the pipeline's catalogue, sized for this chunk size. */
  public ModelTopics topics() {
    return ModelTopics.of(pipeline, chunkBytes, replicationFactor);
  }
}
