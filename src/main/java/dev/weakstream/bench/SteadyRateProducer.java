package dev.weakstream.bench;

import dev.weakstream.avro.RawRecord;
import dev.weakstream.clients.RawRecordProducer;
import dev.weakstream.kafka.KafkaClients;
import dev.weakstream.pipeline.PipelineDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Produces raw records at a steady rate on its own thread: record {@code i} is sent at {@code start
 * + i / rate}, with id {@code <prefix>-i} and event time = its send time, so a consumer can count
 * every id and measure end-to-end latency. Texts repeat from the given list.
 */
final class SteadyRateProducer implements AutoCloseable {

  private final PipelineDefinition pipeline;
  private final String bootstrapServers;
  private final List<String> texts;
  private final double rate;
  private final String prefix;
  private final AtomicLong sent = new AtomicLong();
  private volatile boolean stopping;
  private volatile Exception failure;
  private Thread thread;

  SteadyRateProducer(
      PipelineDefinition pipeline,
      String bootstrapServers,
      List<String> texts,
      double rate,
      String prefix) {
    this.pipeline = pipeline;
    this.bootstrapServers = bootstrapServers;
    this.texts = List.copyOf(texts);
    this.rate = rate;
    this.prefix = prefix;
  }

  void start() {
    thread = new Thread(this::produce, "steady-rate-producer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Records sent so far. */
  long sent() {
    return sent.get();
  }

  static long sequenceOf(String id) {
    return Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
  }

  private void produce() {
    try (RawRecordProducer producer =
        new RawRecordProducer(
            pipeline,
            // a steady rate of single records: batches wait 5 ms, not the producer's 20
            new KafkaClients(bootstrapServers, Map.of(ProducerConfig.LINGER_MS_CONFIG, "5")))) {
      long startNanos = System.nanoTime();
      long i = 0;
      while (!stopping) {
        long due = startNanos + (long) (i * 1e9 / rate);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          continue;
        }
        producer.send(
            RawRecord.newBuilder()
                .setId(prefix + "-" + i)
                .setEventTime(Instant.now())
                .setSource("bench")
                .setText(texts.get((int) (i % texts.size())))
                .build());
        i++;
        sent.set(i);
      }
      producer.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure = e;
    }
  }

  /** Stops producing, flushes, and fails if any send failed; the producer is done afterwards. */
  void stop() {
    stopping = true;
    if (thread != null) {
      try {
        thread.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (failure != null) {
      throw new IllegalStateException("producing failed: " + failure, failure);
    }
  }

  /** {@link #stop()}, for try-with-resources: a no-op after a stop that succeeded. */
  @Override
  public void close() {
    stop();
  }
}
