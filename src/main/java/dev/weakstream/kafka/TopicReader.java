package dev.weakstream.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads topics from their beginning: to the end offsets captured when the read starts ({@link
 * #readToEnd}, what a compacted topic's reader needs to know it has the whole state), or on from
 * where it stands ({@link #poll}, to follow a topic). The one such loop in weakstream: the model
 * registry's release table, the model follower's catch-up, the shard announcements, the latest
 * label model and the pipeline's output are all read through it.
 *
 * <p>Every partition of the topics is assigned (no consumer group, nothing committed), and records
 * are read with the isolation of {@link KafkaClients} ({@code read_committed}: only committed
 * transactions). Keys and values are decoded with each {@link Topic}'s serdes; a value that does
 * not decode is an error that names its topic, partition and offset, or, where a reader must
 * survive records of other writers, a logged warning and the next record ({@link Undecodable}).
 *
 * <p>Not thread-safe: one thread at a time, except {@link #wakeup()}. Owns its consumer; {@link
 * #close()} closes it.
 */
public final class TopicReader<K, V> implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TopicReader.class);
  private static final Duration POLL = Duration.ofMillis(50);

  /**
   * One record as read.
   *
   * @param value the decoded value, or null for a tombstone
   */
  public record Read<K, V>(String topic, int partition, long offset, K key, V value) {}

  /** Told each record in partition order. */
  @FunctionalInterface
  public interface Handler<K, V> {
    void accept(Read<K, V> record);
  }

  /** What to do with a record whose key or value does not decode. */
  public enum Undecodable {
    /** Throw an {@link IllegalStateException} naming the record. */
    FAIL,
    /** Log a warning naming the record and go on with the next one. */
    SKIP
  }

  /** A topic's deserializers, made once. */
  private record Decoders<K, V>(Deserializer<K> key, Deserializer<? extends V> value) {}

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Map<String, Decoders<K, V>> topics;
  private final List<TopicPartition> partitions;
  private final Duration timeout;
  private final Undecodable undecodable;

  private TopicReader(
      KafkaConsumer<byte[], byte[]> consumer,
      Map<String, Decoders<K, V>> topics,
      List<TopicPartition> partitions,
      Duration timeout,
      Undecodable undecodable) {
    this.consumer = consumer;
    this.topics = topics;
    this.partitions = partitions;
    this.timeout = timeout;
    this.undecodable = undecodable;
  }

  /** A reader of one topic that fails on an undecodable record. */
  public static <K, V> TopicReader<K, V> open(
      KafkaClients clients, String clientId, Topic<K, V> topic, Duration timeout) {
    return open(clients, clientId, List.of(topic), Map.of(), timeout, Undecodable.FAIL);
  }

  /**
   * A reader of every partition of {@code topics}, positioned at their beginning.
   *
   * @param clientId prefix of the consumer's client id
   * @param consumerSettings extra consumer settings (e.g. fetch sizes for large records)
   * @param timeout longest wait of one call: looking up the partitions, {@link #readToEnd}, {@link
   *     #endOffsets}
   * @throws UnknownTopicOrPartitionException if a topic does not exist
   */
  public static <K, V> TopicReader<K, V> open(
      KafkaClients clients,
      String clientId,
      List<? extends Topic<K, ? extends V>> topics,
      Map<String, ?> consumerSettings,
      Duration timeout,
      Undecodable undecodable) {
    Map<String, Decoders<K, V>> byName = new LinkedHashMap<>();
    topics.forEach(
        t ->
            byName.put(
                t.name(),
                new Decoders<>(t.keySerde().deserializer(), t.valueSerde().deserializer())));
    KafkaConsumer<byte[], byte[]> consumer =
        clients.consumer(
            clientId, consumerSettings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    try {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : byName.keySet()) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
          throw new UnknownTopicOrPartitionException(
              "topic " + topic + " does not exist on " + clients.bootstrapServers());
        }
        infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      return new TopicReader<>(consumer, byName, List.copyOf(partitions), timeout, undecodable);
    } catch (RuntimeException e) {
      consumer.close(CloseOptions.timeout(Duration.ZERO));
      throw e;
    }
  }

  /** The partitions read. */
  public List<TopicPartition> partitions() {
    return partitions;
  }

  /** The end offset of every partition now (the last stable offset, under read_committed). */
  public Map<TopicPartition, Long> endOffsets() {
    return consumer.endOffsets(partitions, timeout);
  }

  /** Goes back to the beginning of every partition. */
  public void seekToBeginning() {
    consumer.seekToBeginning(partitions);
  }

  /**
   * Reads every partition from its beginning until its position reaches the end offset it had when
   * this call started, handing every record to {@code handler}. Records a poll returns beyond those
   * offsets are handed over too (a later {@link #poll} goes on after them).
   *
   * @throws IllegalStateException if the end is not reached within the reader's timeout, naming
   *     each partition's position and end offset
   */
  public void readToEnd(Handler<K, V> handler) {
    seekToBeginning();
    Map<TopicPartition, Long> end = endOffsets();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!reached(end)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "did not read "
                + String.join(", ", topics.keySet())
                + " to its end within "
                + timeout
                + " (position/end: "
                + progress(end)
                + ")");
      }
      poll(POLL, handler);
    }
  }

  /**
   * Polls once from the current positions and hands the records to {@code handler}.
   *
   * @return how many records were polled (undecodable ones skipped included)
   */
  public int poll(Duration wait, Handler<K, V> handler) {
    int n = 0;
    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(wait)) {
      n++;
      Read<K, V> read = decode(r);
      if (read != null) {
        handler.accept(read);
      }
    }
    return n;
  }

  private Read<K, V> decode(ConsumerRecord<byte[], byte[]> r) {
    Decoders<K, V> decoders = topics.get(r.topic());
    try {
      K key = decoders.key().deserialize(r.topic(), r.key());
      V value = decoders.value().deserialize(r.topic(), r.value());
      return new Read<>(r.topic(), r.partition(), r.offset(), key, value);
    } catch (KafkaException | IllegalArgumentException e) {
      String where = r.topic() + "-" + r.partition() + " at offset " + r.offset();
      if (undecodable == Undecodable.FAIL) {
        throw new IllegalStateException(
            "undecodable record on " + where + ": " + e.getMessage(), e);
      }
      LOG.warn("Skipping an undecodable record on {}: {}", where, e.getMessage());
      return null;
    }
  }

  private boolean reached(Map<TopicPartition, Long> end) {
    for (TopicPartition p : partitions) {
      if (consumer.position(p, timeout) < end.get(p)) {
        return false;
      }
    }
    return true;
  }

  private String progress(Map<TopicPartition, Long> end) {
    return partitions.stream()
        .map(p -> p + " " + consumer.position(p, timeout) + "/" + end.get(p))
        .collect(Collectors.joining(", "));
  }

  /** Makes a call in progress on another thread end with a {@code WakeupException}. */
  public void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void close() {
    consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
  }
}
