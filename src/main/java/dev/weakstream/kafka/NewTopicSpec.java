package dev.weakstream.kafka;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * What a topic must look like when {@link TopicCreator} creates it: name, partition count,
 * replication factor and topic-level configs such as {@code cleanup.policy}.
 *
 * <p>Immutable value; the config map is copied and unmodifiable.
 *
 * @param name topic name
 * @param partitions number of partitions, at least 1
 * @param replicationFactor replication factor, at least 1 (1 for the embedded broker; 3 in
 *     production)
 * @param configs topic configs, e.g. {@code cleanup.policy=compact}
 */
public record NewTopicSpec(
    String name, int partitions, short replicationFactor, Map<String, String> configs) {

  public NewTopicSpec {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("topic name must not be blank");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException(
          "topic " + name + ": partitions must be >= 1, was " + partitions);
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException(
          "topic " + name + ": replication factor must be >= 1, was " + replicationFactor);
    }
    configs = Map.copyOf(configs);
  }

  /** A delete-policy topic with replication factor 1. */
  public static NewTopicSpec of(String name, int partitions) {
    return new NewTopicSpec(name, partitions, (short) 1, Map.of());
  }

  /** A compacted topic ({@code cleanup.policy=compact}) with replication factor 1. */
  public static NewTopicSpec compacted(String name, int partitions) {
    return new NewTopicSpec(
        name,
        partitions,
        (short) 1,
        Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
  }

  /** This spec with another replication factor. */
  public NewTopicSpec withReplicationFactor(int replicationFactor) {
    if (replicationFactor > Short.MAX_VALUE) {
      throw new IllegalArgumentException(
          "topic " + name + ": replication factor too large: " + replicationFactor);
    }
    return new NewTopicSpec(name, partitions, (short) replicationFactor, configs);
  }

  /** This spec with one more topic config (replacing an existing value for the same key). */
  public NewTopicSpec withConfig(String key, String value) {
    Map<String, String> merged = new TreeMap<>(configs);
    merged.put(key, value);
    return new NewTopicSpec(name, partitions, replicationFactor, merged);
  }

  NewTopic toNewTopic() {
    return new NewTopic(name, partitions, replicationFactor).configs(configs);
  }
}
