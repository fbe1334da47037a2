package dev.weakstream.clients;

import dev.weakstream.avro.DeadLetter;
import dev.weakstream.avro.LabeledRecord;
import dev.weakstream.kafka.KafkaClients;
import dev.weakstream.kafka.PipelineTopics;
import dev.weakstream.pipeline.PipelineDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a pipeline's labeled and dead-letter topics from the beginning, with {@code read_committed}
 * isolation (only what exactly-once processing committed), until a given number of records has
 * arrived.
 *
 * <p>Each call uses a fresh consumer with no group; not thread-safe.
 */
public final class PipelineOutputReader {

  /** Everything read: labeled records and dead letters, in topic order per partition. */
  public record Output(List<LabeledRecord> labeled, List<DeadLetter> deadLetters) {
    public long total() {
      return labeled.size() + deadLetters.size();
    }
  }

  private final PipelineDefinition pipeline;
  private final KafkaClients clients;

  public PipelineOutputReader(PipelineDefinition pipeline, KafkaClients clients) {
    this.pipeline = pipeline;
    this.clients = clients;
  }

  /** Reads everything committed to the labeled and dead-letter topics now. */
  public Output readToEnd(Duration timeout) {
    return read(Long.MAX_VALUE, timeout, Duration.ZERO, n -> {}, true);
  }

  /**
   * Reads until {@code expected} records (labeled + dead letters) have arrived, then for {@code
   * settle} more to catch any duplicates, or until {@code timeout}.
   *
   * @param progress told the number of records read so far
   */
  public Output readUntil(long expected, Duration timeout, Duration settle, LongConsumer progress) {
    return read(expected, timeout, settle, progress, false);
  }

  private Output read(
      long expected, Duration timeout, Duration settle, LongConsumer progress, boolean toEnd) {
    PipelineTopics topics = PipelineTopics.of(pipeline);
    var labeledSerde = topics.labeled().valueSerde().deserializer();
    var deadLetterSerde = topics.deadLetters().valueSerde().deserializer();
    List<LabeledRecord> labeled = new ArrayList<>();
    List<DeadLetter> deadLetters = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        clients.consumer(
            "weakstream-output-reader",
            Map.of(),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      var partitions = new ArrayList<org.apache.kafka.common.TopicPartition>();
      for (String topic : List.of(topics.labeled().name(), topics.deadLetters().name())) {
        consumer
            .partitionsFor(topic, Duration.ofSeconds(30))
            .forEach(
                p ->
                    partitions.add(
                        new org.apache.kafka.common.TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var end = consumer.endOffsets(partitions);
      Instant deadline = Instant.now().plus(timeout);
      Instant settleUntil = null;
      while (Instant.now().isBefore(deadline)
          && (settleUntil == null || Instant.now().isBefore(settleUntil))) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.topic().equals(topics.labeled().name())) {
            labeled.add(labeledSerde.deserialize(r.topic(), r.value()));
          } else {
            deadLetters.add(deadLetterSerde.deserialize(r.topic(), r.value()));
          }
        }
        progress.accept(labeled.size() + deadLetters.size());
        if (toEnd && partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p))) {
          break;
        }
        if (settleUntil == null && labeled.size() + deadLetters.size() >= expected) {
          settleUntil = Instant.now().plus(settle);
        }
      }
    }
    return new Output(labeled, deadLetters);
  }
}
