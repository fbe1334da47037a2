package dev.weakstream.bench;

import dev.weakstream.avro.RawRecord;
import dev.weakstream.clients.RawRecordProducer;
import dev.weakstream.core.MajorityVote;
import dev.weakstream.kafka.EmbeddedKafkaBroker;
import dev.weakstream.kafka.NewTopicSpec;
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
import java.util.Map;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.Topology;

/**
 * Records per second of the labeling topology against a pass-through baseline (decode + encode only),
 * both on the embedded broker, reading the same pre-produced input, with the same streams settings
 * (exactly-once v2, tuned producer batching). Rounds alternate baseline and pipeline so drift in machine
 * load hits both; the best round of each is reported.
 *
 * <p>Throughput is measured between the first and the last record the application's source node took
 * from the input topic (Kafka Streams' {@code records-consumed-total} of that topic, sampled every
 * 20 ms), so start-up and rebalancing are excluded; a run ends when the application has committed every
 * input record. (Measuring between the first and the last offset commit failed on fast pass-through runs:
 * the first commit seen could already cover the whole input.)
 */
public final class PipelineBenchmark {

  /** The result; rates in records per second. */
  public record Result(long records, double passthroughRps, double pipelineRps) {
    public double ratio() {
      return pipelineRps / passthroughRps;
    }
  }

  private final PipelineDefinition pipeline;
  private final List<String> texts;
  private final int threads;

  /**
   * @param texts texts to repeat (with fresh ids) until the input has the requested number of records
   */
  public PipelineBenchmark(PipelineDefinition pipeline, List<String> texts, int threads) {
    this.pipeline = pipeline;
    this.texts = List.copyOf(texts);
    this.threads = threads;
  }

  public Result run(Path workDir, long records, int rounds, LongConsumer produceProgress) {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(workDir.resolve("kafka"), 0);
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      int partitions = pipeline.output().partitions();
      PipelineApplication.createTopics(pipeline,
          Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
      produce(broker.bootstrapServers(), records, produceProgress);
      ConsumedOffsets offsets = new ConsumedOffsets(admin);
      double bestPassthrough = 0;
      double bestPipeline = 0;
      for (int round = 0; round < rounds; round++) {
        String passthroughOut = "bench-passthrough-" + round;
        TopicCreator.ensureTopics(admin, List.of(NewTopicSpec.of(passthroughOut, partitions)), Duration.ofSeconds(30));
        bestPassthrough = Math.max(bestPassthrough, measure(
            "bench-passthrough-" + round, broker, workDir, records, offsets,
            metrics -> PassThroughTopology.build(pipeline, metrics, passthroughOut)));
        CurrentLabeler labeler = new CurrentLabeler(new MajorityVote(pipeline.numClasses()));
        bestPipeline = Math.max(bestPipeline, measure(
            "bench-pipeline-" + round, broker, workDir, records, offsets,
            metrics -> PipelineTopology.build(pipeline, labeler, metrics)));
      }
      return new Result(records, bestPassthrough, bestPipeline);
    }
  }

  private void produce(String bootstrap, long records, LongConsumer progress) {
    try (RawRecordProducer producer = new RawRecordProducer(pipeline, bootstrap, Map.of())) {
      Instant now = Instant.now();
      for (long i = 0; i < records; i++) {
        producer.send(RawRecord.newBuilder().setId("bench-" + i).setEventTime(now).setSource("bench")
            .setText(texts.get((int) (i % texts.size()))).build());
        if (i % 10_000 == 0) {
          progress.accept(i);
        }
      }
      producer.flush();
      progress.accept(records);
    }
  }

  private double measure(String appId, EmbeddedKafkaBroker broker, Path workDir, long records,
      ConsumedOffsets offsets, java.util.function.Function<PipelineMetrics, Topology> topology) {
    PipelineMetrics metrics = new PipelineMetrics(new SimpleMeterRegistry(), pipeline.name(),
        pipeline.labelingFunctions(), pipeline.classes().stream().map(ClassDefinition::name).toList());
    StreamsSettings settings = StreamsSettings.defaults(appId, broker.bootstrapServers(), workDir.resolve("state"))
        .withStreamThreads(threads);
    String inputTopic = pipeline.input().topic();
    try (PipelineApplication app = PipelineApplication.start(topology.apply(metrics), settings,
        pipeline.output().deadLetterTopic(), metrics, new SimpleMeterRegistry(), Duration.ofMinutes(2))) {
      long firstCount = 0;
      long firstNanos = 0;
      long lastCount = 0;
      long lastNanos = 0;
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      while (offsets.committed(appId, inputTopic) < records && System.nanoTime() < deadline) {
        sleep(20);
        long processed = recordsTakenFrom(app, inputTopic);
        long now = System.nanoTime();
        if (processed > lastCount) {
          if (firstNanos == 0) {
            firstCount = processed;
            firstNanos = now;
          }
          lastCount = processed;
          lastNanos = now;
        }
      }
      long committed = offsets.committed(appId, inputTopic);
      if (committed < records) {
        throw new IllegalStateException(appId + " processed only " + committed + " of " + records + " records");
      }
      if (lastNanos == firstNanos) {
        throw new IllegalStateException(appId + " took all " + lastCount + " records between two samples");
      }
      return (lastCount - firstCount) / ((lastNanos - firstNanos) / 1e9);
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

  /** Records the application's source nodes have taken from {@code topic}, summed over its tasks. */
  private static long recordsTakenFrom(PipelineApplication app, String topic) {
    double total = 0;
    for (var entry : app.streams().metrics().entrySet()) {
      var name = entry.getKey();
      if (name.group().equals("stream-topic-metrics") && name.name().equals("records-consumed-total")
          && topic.equals(name.tags().get("topic"))) {
        total += ((Number) entry.getValue().metricValue()).doubleValue();
      }
    }
    return (long) total;
  }
}
