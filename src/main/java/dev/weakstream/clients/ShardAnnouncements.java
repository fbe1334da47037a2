package dev.weakstream.clients;

import dev.weakstream.avro.ShardManifest;
import dev.weakstream.kafka.KafkaClients;
import dev.weakstream.kafka.PipelineTopics;
import dev.weakstream.kafka.Topic;
import dev.weakstream.pipeline.PipelineDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a pipeline's shards topic ({@link PipelineTopics#shards}) to the end: the live sealed
 * shards, last manifest per shard id, minus those retention deleted (tombstones). What a trainer
 * calls to learn which shards exist. Each call uses a fresh consumer without a group.
 */
public final class ShardAnnouncements {

  private ShardAnnouncements() {}

  /**
   * The live shards' manifests, in order of first announcement.
   *
   * @throws IllegalStateException if the topic does not exist or is not read to its end within
   *     {@code timeout}
   */
  public static List<ShardManifest> live(
      PipelineDefinition pipeline, KafkaClients clients, Duration timeout) {
    Topic<String, ShardManifest> shards = PipelineTopics.of(pipeline).shards();
    String topic = shards.name();
    Map<String, ShardManifest> live = new LinkedHashMap<>();
    try (KafkaConsumer<String, byte[]> consumer =
        clients.consumer(
            "weakstream-shard-announcements",
            Map.of(),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic, timeout)
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      if (partitions.isEmpty()) {
        throw new IllegalStateException(
            "topic " + topic + " does not exist; has a shard collector run?");
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Instant deadline = Instant.now().plus(timeout);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "did not read " + topic + " to its end within " + timeout);
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.value() == null) {
            live.remove(r.key());
          } else {
            live.put(r.key(), decode(shards, r.value()));
          }
        }
      }
    }
    return List.copyOf(live.values());
  }

  private static ShardManifest decode(Topic<String, ShardManifest> shards, byte[] bytes) {
    try {
      return shards.valueSerde().deserializer().deserialize(shards.name(), bytes);
    } catch (SerializationException e) {
      throw new IllegalStateException("undecodable manifest on the shards topic", e);
    }
  }
}
