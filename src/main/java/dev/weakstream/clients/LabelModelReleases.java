package dev.weakstream.clients;

import dev.weakstream.avro.LabelModelRelease;
import dev.weakstream.kafka.KafkaClients;
import dev.weakstream.kafka.PipelineTopics;
import dev.weakstream.kafka.TopicReader;
import dev.weakstream.pipeline.PipelineDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Reads the latest release of a pipeline's label model from its compacted label-model topic. */
public final class LabelModelReleases {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private LabelModelReleases() {}

  /** The last committed release on the topic, if any (none if the topic does not exist). */
  public static Optional<LabelModelRelease> latest(
      PipelineDefinition pipeline, KafkaClients clients) {
    LabelModelRelease[] last = {null};
    try (TopicReader<String, LabelModelRelease> reader =
        TopicReader.open(
            clients,
            "weakstream-label-model-reader",
            List.of(PipelineTopics.of(pipeline).labelModel()),
            Map.of(
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                PipelineTopics.LABEL_MODEL_MAX_MESSAGE_BYTES),
            TIMEOUT,
            TopicReader.Undecodable.FAIL)) {
      reader.readToEnd(
          r -> {
            if (pipeline.name().equals(r.key()) && r.value() != null) {
              last[0] = r.value();
            }
          });
    } catch (UnknownTopicOrPartitionException e) {
      return Optional.empty();
    }
    return Optional.ofNullable(last[0]);
  }
}
