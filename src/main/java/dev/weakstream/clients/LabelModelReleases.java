package dev.weakstream.clients;

import dev.weakstream.avro.LabelModelRelease;
import dev.weakstream.kafka.KafkaClients;
import dev.weakstream.kafka.PipelineTopics;
import dev.weakstream.pipeline.PipelineDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the latest release of a pipeline's label model from its compacted label-model topic. */
public final class LabelModelReleases {

  private LabelModelReleases() {}

  /** The last committed release on the topic, if any. */
  public static Optional<LabelModelRelease> latest(
      PipelineDefinition pipeline, KafkaClients clients) {
    var topic = PipelineTopics.of(pipeline).labelModel();
    LabelModelRelease last = null;
    try (KafkaConsumer<String, byte[]> consumer =
        clients.consumer(
            "weakstream-label-model-reader",
            Map.of(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      if (consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).isEmpty()) {
        return Optional.empty();
      }
      TopicPartition partition = new TopicPartition(topic.name(), 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      while (consumer.position(partition) < end) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (pipeline.name().equals(r.key()) && r.value() != null) {
            last = topic.valueSerde().deserializer().deserialize(r.topic(), r.value());
          }
        }
      }
    }
    return Optional.ofNullable(last);
  }
}
