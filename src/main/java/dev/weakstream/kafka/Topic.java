package dev.weakstream.kafka;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic: its name and how it is created ({@link NewTopicSpec}), with its key and value serdes, so
 * serde choices are made once, where the topic is defined ({@link PipelineTopics}).
 *
 * <p>Immutable; the serdes are thread-safe.
 *
 * @param spec name, partitions, replication factor and configs the topic is created with when
 *     absent
 */
public record Topic<K, V>(NewTopicSpec spec, Serde<K> keySerde, Serde<V> valueSerde) {

  public Topic {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
  }

  public String name() {
    return spec.name();
  }

  /** This topic, created with {@code partitions} partitions instead. */
  public Topic<K, V> withPartitions(int partitions) {
    return new Topic<>(
        new NewTopicSpec(spec.name(), partitions, spec.replicationFactor(), spec.configs()),
        keySerde,
        valueSerde);
  }
}
