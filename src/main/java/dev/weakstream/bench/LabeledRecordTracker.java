package dev.weakstream.bench;

import dev.weakstream.avro.LabeledRecord;
import dev.weakstream.kafka.KafkaClients;
import dev.weakstream.kafka.Topic;
import dev.weakstream.kafka.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the labeled topic (read_committed) on its own thread while a benchmark runs, and keeps what
 * the benchmark reports: how often each produced sequence number came out (lost and duplicated
 * records), when each came out and its end-to-end latency (arrival here minus the event time the
 * producer set), and when each student version was first seen in the output.
 */
final class LabeledRecordTracker implements AutoCloseable {

  /** One record's arrival: wall-clock millis and end-to-end latency in millis. */
  private record Arrival(long atMillis, long latencyMillis) {}

  private final TopicReader<String, LabeledRecord> reader;
  private final Map<Long, Integer> counts = new HashMap<>();
  private final List<Arrival> arrivals = new ArrayList<>();
  private final Map<String, Long> firstSeenByStudent = new HashMap<>();
  private volatile boolean stopping;
  private volatile Exception failure;
  private Thread thread;

  LabeledRecordTracker(KafkaClients clients, Topic<String, LabeledRecord> labeled) {
    reader =
        TopicReader.open(clients, "bench-labeled-record-tracker", labeled, Duration.ofSeconds(30));
  }

  void start() {
    thread = new Thread(this::consume, "labeled-record-tracker");
    thread.setDaemon(true);
    thread.start();
  }

  private void consume() {
    try {
      while (!stopping) {
        reader.poll(Duration.ofMillis(50), record -> arrived(record.value()));
      }
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      reader.close();
    }
  }

  private synchronized void arrived(LabeledRecord labeled) {
    long now = System.currentTimeMillis();
    counts.merge(SteadyRateProducer.sequenceOf(labeled.getId()), 1, Integer::sum);
    arrivals.add(new Arrival(now, now - labeled.getEventTime().toEpochMilli()));
    if (labeled.getStudentVersion() != null) {
      firstSeenByStudent.putIfAbsent(labeled.getStudentVersion(), now);
    }
  }

  synchronized long distinct() {
    return counts.size();
  }

  /** Sequence numbers below {@code produced} that never came out. */
  synchronized long lost(long produced) {
    long lost = 0;
    for (long i = 0; i < produced; i++) {
      if (!counts.containsKey(i)) {
        lost++;
      }
    }
    return lost;
  }

  /** Extra copies of records that came out more than once. */
  synchronized long duplicated() {
    return counts.values().stream().mapToLong(c -> c - 1).sum();
  }

  /** Records that arrived in [from, to), per second. */
  synchronized double rate(long fromMillis, long toMillis) {
    long n =
        arrivals.stream()
            .filter(a -> a.atMillis() >= fromMillis && a.atMillis() < toMillis)
            .count();
    return n / ((toMillis - fromMillis) / 1000.0);
  }

  /**
   * The 99th percentile of end-to-end latency of the records that arrived in [from, to), in millis.
   */
  synchronized double p99LatencyMillis(long fromMillis, long toMillis) {
    long[] latencies =
        arrivals.stream()
            .filter(a -> a.atMillis() >= fromMillis && a.atMillis() < toMillis)
            .mapToLong(Arrival::latencyMillis)
            .sorted()
            .toArray();
    if (latencies.length == 0) {
      return Double.NaN;
    }
    return latencies[(int) Math.min(latencies.length - 1, Math.ceil(0.99 * latencies.length) - 1)];
  }

  /** When each student version was first seen in the output (wall-clock millis). */
  synchronized Map<String, Long> firstSeenByStudent() {
    return Map.copyOf(firstSeenByStudent);
  }

  synchronized String studentVersions() {
    return firstSeenByStudent.keySet().stream().sorted().collect(Collectors.joining(","));
  }

  @Override
  public void close() {
    stopping = true;
    if (thread != null) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (failure != null) {
      throw new IllegalStateException("reading the labeled topic failed: " + failure, failure);
    }
  }
}
