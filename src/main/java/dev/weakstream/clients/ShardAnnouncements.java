package dev.weakstream.clients;

import dev.weakstream.avro.ShardKind;
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
 * The live sealed shards as a pipeline's shards topic ({@link PipelineTopics#shards}) announces
 * them: the last manifest per shard id (the {@link ShardCollector} announces at least once, under
 * the shard id), minus those retention deleted (tombstones). What a trainer follows to learn which
 * shards exist.
 *
 * <p>Not thread-safe: fed by one reader's thread.
 */
public final class ShardAnnouncements {

  private final Map<String, ShardManifest> live = new LinkedHashMap<>();

  /** Applies one record of the shards topic: an announcement, or a tombstone. */
  public void apply(TopicReader.Read<String, ShardManifest> record) {
    if (record.value() == null) {
      live.remove(record.key());
    } else {
      live.put(record.key(), record.value());
    }
  }

  /** The live shards' manifests, in order of first announcement. */
  public List<ShardManifest> live() {
    return List.copyOf(live.values());
  }

  /** The ids of the live shards of {@code kind}. */
  public List<String> ids(ShardKind kind) {
    return live.values().stream()
        .filter(m -> m.getKind() == kind)
        .map(m -> m.getShardId().toString())
        .toList();
  }

  /**
   * Reads the shards topic to its end now, with a fresh consumer without a group.
   *
   * @throws org.apache.kafka.common.errors.UnknownTopicOrPartitionException if the topic does not
   *     exist (no pipeline with a {@code shards:} section has started)
   * @throws IllegalStateException if the topic is not read to its end within {@code timeout}, or
   *     holds a value that is not a manifest
   */
  public static List<ShardManifest> live(
      PipelineDefinition pipeline, KafkaClients clients, Duration timeout) {
    ShardAnnouncements announcements = new ShardAnnouncements();
    try (TopicReader<String, ShardManifest> reader =
        TopicReader.open(
            clients,
            "weakstream-shard-announcements",
            PipelineTopics.of(pipeline).shards(),
            timeout)) {
      reader.readToEnd(announcements::apply);
    }
    return announcements.live();
  }
}
