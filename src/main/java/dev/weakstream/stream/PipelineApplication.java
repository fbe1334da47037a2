package dev.weakstream.stream;

import dev.weakstream.metrics.PipelineMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running pipeline: starts Kafka Streams on a pipeline's assembled {@link PipelineComponents}
 * (or, for a benchmark's baseline, on any topology), waits until it runs, binds its client metrics,
 * and stops it.
 *
 * <p>Owns the {@link KafkaStreams} instance, its metrics binder and the components it was started
 * on, and closes them in {@link #close()} (idempotent), the components after the streams have
 * stopped; does not own the meter registry or the broker.
 */
public final class PipelineApplication implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PipelineApplication.class);

  private final KafkaStreams streams;
  private final KafkaStreamsMetrics streamsMetrics;
  private final PipelineMetrics metrics;
  private final PipelineComponents components;
  private final CountDownLatch stopped;
  private boolean closed;

  private PipelineApplication(
      KafkaStreams streams,
      KafkaStreamsMetrics streamsMetrics,
      PipelineMetrics metrics,
      PipelineComponents components,
      CountDownLatch stopped) {
    this.streams = streams;
    this.streamsMetrics = streamsMetrics;
    this.metrics = metrics;
    this.components = components;
    this.stopped = stopped;
  }

  /**
   * Starts the pipeline's labeling topology and waits until Kafka Streams is running. It labels
   * with majority vote until its label model (if the pipeline learns one) is first fitted, or
   * restored. The application takes ownership of {@code components}, and closes them if it does not
   * start.
   */
  public static PipelineApplication start(PipelineComponents components, Duration startTimeout) {
    return start(
        components.topology(),
        components.settings(),
        components.pipeline().output().deadLetterTopic(),
        components.metrics(),
        components.meters(),
        startTimeout,
        streams -> {},
        components);
  }

  /**
   * Starts any topology with the pipeline's settings (used by benchmarks for their baselines),
   * handing the Kafka Streams client to {@code beforeStart} first: its threads may process records
   * before the client as a whole is RUNNING (one thread can hold every task while another joins),
   * so a benchmark that watches its progress must start watching before it starts.
   */
  public static PipelineApplication start(
      Topology topology,
      StreamsSettings settings,
      String deadLetterTopic,
      PipelineMetrics metrics,
      MeterRegistry registry,
      Duration startTimeout,
      Consumer<KafkaStreams> beforeStart) {
    return start(
        topology, settings, deadLetterTopic, metrics, registry, startTimeout, beforeStart, null);
  }

  private static PipelineApplication start(
      Topology topology,
      StreamsSettings settings,
      String deadLetterTopic,
      PipelineMetrics metrics,
      MeterRegistry registry,
      Duration startTimeout,
      Consumer<KafkaStreams> beforeStart,
      PipelineComponents components) {
    KafkaStreams streams;
    try {
      streams = new KafkaStreams(topology, settings.toProperties(deadLetterTopic, metrics));
    } catch (RuntimeException e) {
      if (components != null) {
        components.close();
      }
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(1);
    streams.setStateListener(
        (now, before) -> {
          if (now == KafkaStreams.State.RUNNING) {
            running.countDown();
          }
          if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
            stopped.countDown();
            running.countDown();
          }
        });
    streams.setUncaughtExceptionHandler(
        error -> {
          LOG.error("stream thread failed; shutting down the client", error);
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
    PipelineApplication app =
        new PipelineApplication(streams, streamsMetrics, metrics, components, stopped);
    try {
      beforeStart.accept(streams);
      streamsMetrics.bindTo(registry);
      streams.start();
      if (!running.await(startTimeout.toMillis(), TimeUnit.MILLISECONDS)
          || streams.state() != KafkaStreams.State.RUNNING) {
        throw new IllegalStateException(
            "Kafka Streams did not reach RUNNING within "
                + startTimeout
                + " (state "
                + streams.state()
                + ")");
      }
      return app;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      app.close();
      throw new IllegalStateException("interrupted while starting", e);
    } catch (RuntimeException e) {
      app.close();
      throw e;
    }
  }

  public KafkaStreams streams() {
    return streams;
  }

  public PipelineMetrics metrics() {
    return metrics;
  }

  /**
   * The pipeline's components (labeler, student slot, ...).
   *
   * @throws IllegalStateException for a benchmark baseline started on a bare topology
   */
  public PipelineComponents components() {
    if (components == null) {
      throw new IllegalStateException("started on a bare topology, without pipeline components");
    }
    return components;
  }

  /**
   * Blocks until the streams client stops (error or close), or {@code timeout} passes.
   *
   * @return true if it stopped
   */
  public boolean awaitStop(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    streams.close(Duration.ofSeconds(30));
    streamsMetrics.close();
    if (components != null) {
      components.close();
    }
    stopped.countDown();
  }
}
