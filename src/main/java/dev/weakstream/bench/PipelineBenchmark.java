package dev.weakstream.bench;

import dev.weakstream.avro.RawRecord;
import dev.weakstream.clients.RawRecordProducer;
import dev.weakstream.core.MajorityVote;
import dev.weakstream.kafka.EmbeddedKafkaBroker;
import dev.weakstream.kafka.KafkaClients;
import dev.weakstream.kafka.NewTopicSpec;
import dev.weakstream.kafka.PipelineTopics;
import dev.weakstream.kafka.TopicCreator;
import dev.weakstream.metrics.PipelineMetrics;
import dev.weakstream.pipeline.ClassDefinition;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.stream.CurrentLabeler;
import dev.weakstream.stream.PassThroughTopology;
import dev.weakstream.stream.PipelineApplication;
import dev.weakstream.stream.PipelineTopology;
import dev.weakstream.stream.StreamsSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records per second of the labeling topology against a pass-through baseline (decode + encode
 * only), both on the embedded broker, reading the same pre-produced input, with the same streams
 * settings (exactly-once v2, tuned producer batching). Rounds alternate baseline and pipeline so
 * drift in machine load hits both; the best round of each is reported.
 *
 * <p>Throughput is measured between the first and the last record the application's stream threads
 * processed (Kafka Streams' thread-level {@code process-total}, sampled every 20 ms from before the
 * application starts), so start-up and rebalancing are excluded; a run ends when the application
 * has committed every input record. The count includes the pipeline's own label-model statistics
 * snapshots (about 2 per 1,000 records), which favours the pipeline by about 0.2%. Progress by
 * offset commits, or by task-level metrics, failed on fast pass-through rounds: one thread can take
 * every task and process the whole input before the client is RUNNING, and a task moved to another
 * thread restarts its metrics.
 */
public final class PipelineBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineBenchmark.class);

  /** The result; rates in records per second. */
  public record Result(long records, double passthroughRps, double pipelineRps) {
    public double ratio() {
      return pipelineRps / passthroughRps;
    }
  }

  private final PipelineDefinition pipeline;
  private final List<RawRecord> corpus;
  private final int threads;

  /**
   * @param corpus records whose text and attributes are repeated, with fresh ids, until the input
   *     has the requested number of records
   */
  public PipelineBenchmark(PipelineDefinition pipeline, List<RawRecord> corpus, int threads) {
    this.pipeline = pipeline;
    this.corpus = List.copyOf(corpus);
    this.threads = threads;
  }

  public Result run(Path workDir, long records, int rounds, LongConsumer produceProgress) {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(workDir.resolve("kafka"), 0);
        Admin admin = broker.clients().admin()) {
      int partitions = pipeline.output().partitions();
      PipelineTopics.create(pipeline, broker.clients());
      produce(broker.clients(), records, produceProgress);
      ConsumedOffsets offsets = new ConsumedOffsets(admin);
      double bestPassthrough = 0;
      double bestPipeline = 0;
      for (int round = 0; round < rounds; round++) {
        String passthroughOut = "bench-passthrough-" + round;
        TopicCreator.ensureTopics(
            admin, List.of(NewTopicSpec.of(passthroughOut, partitions)), Duration.ofSeconds(30));
        double passthrough =
            measure(
                "bench-passthrough-" + round,
                broker,
                workDir,
                records,
                offsets,
                metrics -> PassThroughTopology.build(pipeline, metrics, passthroughOut));
        CurrentLabeler labeler = new CurrentLabeler(new MajorityVote(pipeline.numClasses()));
        double labeling =
            measure(
                "bench-pipeline-" + round,
                broker,
                workDir,
                records,
                offsets,
                metrics ->
                    PipelineTopology.build(
                        PipelineTopology.Options.of(pipeline, labeler, metrics)));
        LOG.info(
            "round {}: pass-through {} records/s, pipeline {} records/s, ratio {}",
            round + 1,
            Math.round(passthrough),
            Math.round(labeling),
            String.format("%.3f", labeling / passthrough));
        bestPassthrough = Math.max(bestPassthrough, passthrough);
        bestPipeline = Math.max(bestPipeline, labeling);
      }
      return new Result(records, bestPassthrough, bestPipeline);
    }
  }

  private void produce(KafkaClients clients, long records, LongConsumer progress) {
    try (RawRecordProducer producer = new RawRecordProducer(pipeline, clients)) {
      Instant now = Instant.now();
      for (long i = 0; i < records; i++) {
        RawRecord template = corpus.get((int) (i % corpus.size()));
        producer.send(
            RawRecord.newBuilder()
                .setId("bench-" + i)
                .setEventTime(now)
                .setSource("bench")
                .setText(template.getText())
                .setAttributes(template.getAttributes())
                .build());
        if (i % 10_000 == 0) {
          progress.accept(i);
        }
      }
      producer.flush();
      progress.accept(records);
    }
  }

  private double measure(
      String appId,
      EmbeddedKafkaBroker broker,
      Path workDir,
      long records,
      ConsumedOffsets offsets,
      Function<PipelineMetrics, Topology> topology) {
    PipelineMetrics metrics =
        new PipelineMetrics(
            new SimpleMeterRegistry(),
            pipeline.name(),
            pipeline.labelingFunctions(),
            pipeline.classes().stream().map(ClassDefinition::name).toList());
    StreamsSettings settings =
        StreamsSettings.defaults(appId, broker.clients(), workDir.resolve("state"))
            .withStreamThreads(threads);
    String inputTopic = pipeline.input().topic();
    ProcessedRecords processed = new ProcessedRecords(records);
    try (PipelineApplication app =
        PipelineApplication.start(
            topology.apply(metrics),
            settings,
            pipeline.output().deadLetterTopic(),
            metrics,
            new SimpleMeterRegistry(),
            Duration.ofMinutes(2),
            processed::watch)) {
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      long committed;
      while ((committed = offsets.committed(appId, inputTopic)) < records
          && System.nanoTime() < deadline) {
        failIfStopped(app, appId);
        sleep(50);
      }
      processed.stop();
      if (committed < records) {
        throw new IllegalStateException(
            appId + " processed only " + committed + " of " + records + " records");
      }
      return processed.rate(appId);
    } finally {
      processed.stop();
    }
  }

  /**
   * Samples the records a Kafka Streams client's threads processed, every 20 ms, on its own thread,
   * from the first sample with any to the first with all of the input.
   */
  private static final class ProcessedRecords {
    private final long input;
    private final ScheduledExecutorService sampler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "bench-progress-sampler");
              t.setDaemon(true);
              return t;
            });
    private long firstCount;
    private long firstNanos;
    private long lastCount;
    private long lastNanos;

    ProcessedRecords(long input) {
      this.input = input;
    }

    void watch(KafkaStreams streams) {
      sampler.scheduleAtFixedRate(() -> sample(streams), 0, 20, TimeUnit.MILLISECONDS);
    }

    private synchronized void sample(KafkaStreams streams) {
      double total = 0;
      for (var entry : streams.metrics().entrySet()) {
        if (entry.getKey().group().equals("stream-thread-metrics")
            && entry.getKey().name().equals("process-total")) {
          total += ((Number) entry.getValue().metricValue()).doubleValue();
        }
      }
      long count = (long) total;
      long now = System.nanoTime();
      if (count > lastCount && lastCount < input) {
        if (firstNanos == 0) {
          firstCount = count;
          firstNanos = now;
        }
        lastCount = count;
        lastNanos = now;
      }
    }

    void stop() {
      sampler.shutdownNow();
      try {
        sampler.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    synchronized double rate(String appId) {
      if (lastNanos == firstNanos) {
        throw new IllegalStateException(
            appId + " processed all " + lastCount + " records between two samples");
      }
      return (lastCount - firstCount) / ((lastNanos - firstNanos) / 1e9);
    }
  }

  /**
   * Fails the measurement at once when the application under test stopped (its stream threads
   * failed), instead of waiting out the deadline for commits that cannot come.
   */
  static void failIfStopped(PipelineApplication app, String appId) {
    KafkaStreams.State state = app.streams().state();
    if (!state.isRunningOrRebalancing()) {
      throw new IllegalStateException(appId + " stopped while being measured: " + state);
    }
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
