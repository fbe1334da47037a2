package dev.weakstream.clients;

import dev.weakstream.avro.ShardManifest;
import dev.weakstream.kafka.KafkaClients;
import dev.weakstream.kafka.PipelineTopics;
import dev.weakstream.kafka.TopicReader;
import dev.weakstream.pipeline.PipelineDefinition;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
   * @throws org.apache.kafka.common.errors.UnknownTopicOrPartitionException if the topic does not
   *     exist (no pipeline with a {@code shards:} section has started)
   * @throws IllegalStateException if the topic is not read to its end within {@code timeout}, or
   *     holds a value that is not a manifest
   */
  public static List<ShardManifest> live(
      PipelineDefinition pipeline, KafkaClients clients, Duration timeout) {
    Map<String, ShardManifest> live = new LinkedHashMap<>();
    try (TopicReader<String, ShardManifest> reader =
        TopicReader.open(
            clients,
            "weakstream-shard-announcements",
            PipelineTopics.of(pipeline).shards(),
            timeout)) {
      reader.readToEnd(
          r -> {
            if (r.value() == null) {
              live.remove(r.key());
            } else {
              live.put(r.key(), r.value());
            }
          });
    }
    return List.copyOf(live.values());
  }
}
