package dev.weakstream.clients;

import dev.weakstream.avro.DeadLetter;
import dev.weakstream.avro.LabeledRecord;
import dev.weakstream.kafka.KafkaClients;
import dev.weakstream.kafka.PipelineTopics;
import dev.weakstream.kafka.TopicReader;
import dev.weakstream.pipeline.PipelineDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.apache.avro.specific.SpecificRecordBase;

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

  /**
   * Reads everything committed to the labeled and dead-letter topics now.
   *
   * @throws IllegalStateException if they are not read to their end within {@code timeout}
   */
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
    String labeledTopic = topics.labeled().name();
    List<LabeledRecord> labeled = new ArrayList<>();
    List<DeadLetter> deadLetters = new ArrayList<>();
    TopicReader.Handler<String, SpecificRecordBase> collect =
        r -> {
          if (r.topic().equals(labeledTopic)) {
            labeled.add((LabeledRecord) r.value());
          } else {
            deadLetters.add((DeadLetter) r.value());
          }
        };
    try (TopicReader<String, SpecificRecordBase> reader =
        TopicReader.open(
            clients,
            "weakstream-output-reader",
            List.of(topics.labeled(), topics.deadLetters()),
            Map.of(),
            timeout,
            TopicReader.Undecodable.FAIL)) {
      if (toEnd) {
        reader.readToEnd(collect);
        return new Output(labeled, deadLetters);
      }
      Instant deadline = Instant.now().plus(timeout);
      Instant settleUntil = null;
      while (Instant.now().isBefore(deadline)
          && (settleUntil == null || Instant.now().isBefore(settleUntil))) {
        reader.poll(Duration.ofMillis(200), collect);
        progress.accept(labeled.size() + deadLetters.size());
        if (settleUntil == null && labeled.size() + deadLetters.size() >= expected) {
          settleUntil = Instant.now().plus(settle);
        }
      }
    }
    return new Output(labeled, deadLetters);
  }
}
