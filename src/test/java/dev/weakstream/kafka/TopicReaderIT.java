package dev.weakstream.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The one read-a-topic-to-its-end loop, against a real broker. */
@Tag("integration")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TopicReaderIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir static Path workDir;

  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.start(workDir, 0);
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void readsEveryPartitionToTheCommittedEndCapturedAtStartThenFollows() throws Exception {
    Topic<String, String> topic = topic(3);
    try (KafkaProducer<String, String> producer = transactional()) {
      producer.initTransactions();
      producer.beginTransaction();
      for (int i = 0; i < 30; i++) {
        producer.send(new ProducerRecord<>(topic.name(), i % 3, "k" + i, "v" + i));
      }
      producer.commitTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic.name(), 0, "aborted", "never read"));
      producer.abortTransaction();
      // Left open while the reader reads: read_committed stops before it, so the read ends.
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic.name(), 1, "open", "not yet"));
      producer.flush();

      try (TopicReader<String, String> reader =
          TopicReader.open(broker.clients(), "reader-it", topic, TIMEOUT)) {
        assertThat(reader.partitions()).hasSize(3);
        Map<String, String> read = new HashMap<>();
        reader.readToEnd(r -> read.put(r.key(), r.value()));
        assertThat(read).hasSize(30).containsEntry("k7", "v7").doesNotContainKeys("aborted");

        producer.commitTransaction();
        List<String> followed = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!followed.contains("open") && System.nanoTime() < deadline) {
          reader.poll(Duration.ofMillis(100), r -> followed.add(r.key()));
        }
        assertThat(followed).containsExactly("open");

        Map<String, String> again = new HashMap<>();
        reader.readToEnd(r -> again.put(r.key(), r.value()));
        assertThat(again).hasSize(31).containsEntry("open", "not yet");
      }
    }
  }

  @Test
  void handsTombstonesOverAsNullValues() throws Exception {
    Topic<String, String> topic = topic(1);
    try (KafkaProducer<String, String> producer = plain()) {
      producer.send(new ProducerRecord<>(topic.name(), "a", "1")).get();
      producer.send(new ProducerRecord<>(topic.name(), "a", null)).get();
    }
    List<TopicReader.Read<String, String>> read = new ArrayList<>();
    try (TopicReader<String, String> reader =
        TopicReader.open(broker.clients(), "reader-it", topic, TIMEOUT)) {
      reader.readToEnd(read::add);
    }
    assertThat(read).extracting(TopicReader.Read::value).containsExactly("1", null);
    assertThat(read).extracting(TopicReader.Read::offset).containsExactly(0L, 1L);
  }

  @Test
  void aMissingTopicIsAClearError() {
    Topic<String, String> missing =
        new Topic<>(
            NewTopicSpec.of("missing-" + UUID.randomUUID(), 1), Serdes.String(), Serdes.String());
    UnknownTopicOrPartitionException error =
        assertThrows(
            UnknownTopicOrPartitionException.class,
            () -> TopicReader.open(broker.clients(), "reader-it", missing, TIMEOUT));
    assertThat(error).hasMessageContaining(missing.name()).hasMessageContaining("does not exist");
  }

  @Test
  void aReadThatDoesNotReachTheEndInTimeSaysWhereItStopped() throws Exception {
    Topic<String, String> topic = topic(1);
    try (KafkaProducer<String, String> producer = plain()) {
      for (int i = 0; i < 40; i++) {
        producer.send(new ProducerRecord<>(topic.name(), "k" + i, "v" + i));
      }
      producer.flush();
    }
    try (TopicReader<String, String> reader =
        TopicReader.open(
            broker.clients(),
            "reader-it",
            List.of(topic),
            Map.of("max.poll.records", 1),
            Duration.ofSeconds(2),
            TopicReader.Undecodable.FAIL)) {
      IllegalStateException error =
          assertThrows(IllegalStateException.class, () -> reader.readToEnd(r -> sleep(100)));
      assertThat(error)
          .hasMessageContaining("did not read " + topic.name() + " to its end within PT2S")
          .hasMessageMatching("(?s).*" + topic.name() + "-0 \\d+/40.*");
    }
  }

  @Test
  void anUndecodableValueFailsTheReadOrIsSkippedWithAWarning() throws Exception {
    Topic<String, Integer> numbers =
        new Topic<>(NewTopicSpec.of("numbers-" + UUID.randomUUID(), 1), Serdes.String(), ints());
    PipelineTopics.create(broker.clients(), List.of(numbers), TIMEOUT);
    try (KafkaProducer<String, String> producer = plain()) {
      producer.send(new ProducerRecord<>(numbers.name(), "one", "1")).get();
      producer.send(new ProducerRecord<>(numbers.name(), "bad", "not a number")).get();
      producer.send(new ProducerRecord<>(numbers.name(), "three", "3")).get();
    }
    try (TopicReader<String, Integer> reader =
        TopicReader.open(broker.clients(), "reader-it", numbers, TIMEOUT)) {
      IllegalStateException error =
          assertThrows(IllegalStateException.class, () -> reader.readToEnd(r -> {}));
      assertThat(error)
          .hasMessageContaining("undecodable record on " + numbers.name() + "-0 at offset 1");
    }
    List<Integer> read = new ArrayList<>();
    try (TopicReader<String, Integer> reader =
        TopicReader.open(
            broker.clients(),
            "reader-it",
            List.of(numbers),
            Map.of(),
            TIMEOUT,
            TopicReader.Undecodable.SKIP)) {
      reader.readToEnd(r -> read.add(r.value()));
    }
    assertThat(read).containsExactly(1, 3);
  }

  /** A fresh topic of strings with {@code partitions} partitions, created on the broker. */
  private static Topic<String, String> topic(int partitions) {
    Topic<String, String> topic =
        new Topic<>(
            NewTopicSpec.of("reader-" + UUID.randomUUID(), partitions),
            Serdes.String(),
            Serdes.String());
    PipelineTopics.create(broker.clients(), List.of(topic), TIMEOUT);
    return topic;
  }

  /** Integers written as decimal text; anything else fails to decode. */
  private static Serde<Integer> ints() {
    return Serdes.serdeFrom(
        (t, v) -> v == null ? null : v.toString().getBytes(StandardCharsets.UTF_8),
        (t, bytes) ->
            bytes == null ? null : Integer.valueOf(new String(bytes, StandardCharsets.UTF_8)));
  }

  private static KafkaProducer<String, String> plain() {
    return broker
        .clients()
        .producer("reader-it", Map.of(), new StringSerializer(), new StringSerializer());
  }

  private static KafkaProducer<String, String> transactional() {
    return broker
        .clients()
        .producer(
            "reader-it",
            Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "reader-it-" + UUID.randomUUID()),
            new StringSerializer(),
            new StringSerializer());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
