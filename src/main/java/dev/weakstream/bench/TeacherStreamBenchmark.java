package dev.weakstream.bench;

import dev.weakstream.avro.RawRecord;
import dev.weakstream.clients.PipelineOutputReader;
import dev.weakstream.clients.RawRecordProducer;
import dev.weakstream.core.LabelingFunctionSet;
import dev.weakstream.kafka.EmbeddedKafkaBroker;
import dev.weakstream.kafka.KafkaClients;
import dev.weakstream.kafka.PipelineTopics;
import dev.weakstream.labelmodel.Metric;
import dev.weakstream.pipeline.ClassDefinition;
import dev.weakstream.pipeline.FieldMapping;
import dev.weakstream.pipeline.InputDefinition;
import dev.weakstream.pipeline.InputFormat;
import dev.weakstream.pipeline.LabelModelDefinition;
import dev.weakstream.pipeline.OutputDefinition;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.pipeline.TeacherDefinition;
import dev.weakstream.pipeline.TeacherReference;
import dev.weakstream.stream.PipelineApplication;
import dev.weakstream.stream.PipelineComponents;
import dev.weakstream.stream.StreamTeachers;
import dev.weakstream.stream.StreamsSettings;
import dev.weakstream.teacher.TeacherManifest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;

/**
 * Records per second of a teacher inside the running stream: a pipeline whose only source is the
 * teacher, queried for every record (no cache), on the embedded broker, exactly-once, one stream
 * thread per partition with the cores divided among them ({@link PipelineApplication#forStream}) —
 * the same texts the model benchmark embeds, so {@code stream_rps / model_rps} is the cost of Kafka
 * and batching.
 *
 * <p>The texts go through the stream twice and only the second pass is measured. The first pass
 * warms the stream up as the model benchmark warms its session up: on a run of a few seconds, the
 * JIT compiler compiling the broker's and Kafka Streams' code paths took a fifth of a 2-core
 * machine's CPU (1.9 s of 9.7 s), which a running pipeline pays once, not per record.
 *
 * <p>The caller's model runs bracket the measured pass: {@code aroundMeasuredPass} runs once the
 * warm-up pass is labeled (the application idle, its records of the measured pass not produced yet)
 * and again once the measured pass is labeled. On a shared machine whose load from other processes
 * changes over tens of seconds, model runs taken before the broker started and after it stopped
 * compared the stream with the model under another load: the ratio fell below 0.9 in a quarter of
 * runs although the stream's rate was unchanged.
 */
public final class TeacherStreamBenchmark {

  private TeacherStreamBenchmark() {}

  private static final String WARM_UP_ID_PREFIX = "warm-up-";

  /** Records labeled per second in the measured pass, from their processing times. */
  private static double labeledRate(
      PipelineDefinition pipeline, KafkaClients clients, int expected) {
    var output =
        new PipelineOutputReader(pipeline, clients)
            .readUntil(expected, Duration.ofSeconds(60), Duration.ZERO, n -> {});
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    int measured = 0;
    for (var r : output.labeled()) {
      if (r.getId().startsWith(WARM_UP_ID_PREFIX)) {
        continue;
      }
      measured++;
      first = Math.min(first, r.getProcessingTime().toEpochMilli());
      last = Math.max(last, r.getProcessingTime().toEpochMilli());
    }
    if (measured < expected / 2) {
      throw new IllegalStateException("only " + measured + " measured records were labeled");
    }
    if (last == first) {
      throw new IllegalStateException(
          "all "
              + measured
              + " measured records were labeled in the same "
              + "millisecond: too few to time, measure more (--count)");
    }
    return (measured - 1) / ((last - first) / 1e3);
  }

  /** The pipeline measured: two classes, no LFs, the teacher always queried, majority vote. */
  public static PipelineDefinition pipeline(String teacher, int batchSize) {
    TeacherDefinition definition =
        new TeacherDefinition(
            teacher,
            TeacherReference.Mode.ZEROSHOT,
            TeacherDefinition.Query.ALWAYS,
            1,
            batchSize,
            Duration.ofMillis(100),
            0,
            0,
            2);
    return new PipelineDefinition(
        Path.of("bench-teacher.yaml"),
        "bench-teacher",
        List.of(
            new ClassDefinition(0, "HAM", "a genuine comment"),
            new ClassDefinition(1, "SPAM", "self-promotion, links and requests to subscribe")),
        new InputDefinition("bench-teacher", InputFormat.AVRO, FieldMapping.defaults(), 1_000_000),
        new OutputDefinition("bench-teacher-labeled", "bench-teacher-dead-letters", 2),
        new LabelingFunctionSet(List.of(), 2, "none"),
        List.of(),
        new LabelModelDefinition("mv", 1, Duration.ofSeconds(30), 0, 1, Metric.ACCURACY, 1),
        List.of(definition));
  }

  /**
   * Records per second of the stream.
   *
   * @param labeledRps records of the measured pass labeled per second, between the first and the
   *     last label the pipeline computed for them (their {@code processing_time}, read back from
   *     the labeled topic): the stream's throughput, start-up and warm-up excluded
   * @param committedRps the same from the moment the measured pass was produced to the last offset
   *     commit; lower, because the last commit follows the last record by up to one commit interval
   *     (1 s with a teacher), which on a run of a few seconds is a large share
   * @param warmUpRecords records streamed before the measured pass
   */
  public record Rates(double labeledRps, double committedRps, int warmUpRecords) {}

  /**
   * Streams {@code texts} through the teacher pipeline and returns its rates.
   *
   * @param aroundMeasuredPass run right before and right after the measured pass, with the
   *     application running
   */
  public static Rates run(
      List<String> texts,
      TeacherManifest manifest,
      int batchSize,
      int streamThreads,
      Path workDir,
      Runnable aroundMeasuredPass) {
    PipelineDefinition pipeline = pipeline(manifest.name(), batchSize);
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(workDir.resolve("kafka"), 0);
        Admin admin = broker.clients().admin()) {
      PipelineTopics.create(pipeline, broker.clients());
      try (RawRecordProducer producer = new RawRecordProducer(pipeline, broker.clients())) {
        // Warm-up texts differ from the measured ones, so the encoder's embedding cache cannot
        // serve them.
        for (int i = 0; i < texts.size(); i++) {
          producer.send(
              RawRecord.newBuilder()
                  .setId(WARM_UP_ID_PREFIX + i)
                  .setEventTime(Instant.now())
                  .setText("warm up: " + texts.get(i))
                  .build());
        }
        producer.flush();
        int threads = streamThreads;
        StreamsSettings settings =
            StreamsSettings.defaults("bench-teacher", broker.clients(), workDir.resolve("state"))
                .withStreamThreads(threads);
        ConsumedOffsets offsets = new ConsumedOffsets(admin);
        try (PipelineApplication app =
            PipelineApplication.start(
                PipelineComponents.assemble(
                    pipeline,
                    settings,
                    new SimpleMeterRegistry(),
                    StreamTeachers.open(pipeline, StreamTeachers.forStream(manifest, threads))),
                Duration.ofMinutes(2))) {
          long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
          awaitCommitted(offsets, pipeline, texts.size(), deadline);
          aroundMeasuredPass.run();
          for (int i = 0; i < texts.size(); i++) {
            producer.send(
                RawRecord.newBuilder()
                    .setId("t" + i)
                    .setEventTime(Instant.now())
                    .setText(texts.get(i))
                    .build());
          }
          producer.flush();
          long firstCount = offsets.committed("bench-teacher", pipeline.input().topic());
          long firstNanos = System.nanoTime();
          long lastCount = firstCount;
          long lastNanos = firstNanos;
          int total = 2 * texts.size();
          while (lastCount < total) {
            checkDeadline(deadline);
            PipelineBenchmark.failIfStopped(app, "bench-teacher");
            Thread.sleep(20);
            long committed = offsets.committed("bench-teacher", pipeline.input().topic());
            if (committed > lastCount) {
              lastCount = committed;
              lastNanos = System.nanoTime();
            }
          }
          aroundMeasuredPass.run();
          double committedRps = (lastCount - firstCount) / ((lastNanos - firstNanos) / 1e9);
          return new Rates(
              labeledRate(pipeline, broker.clients(), total), committedRps, texts.size());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
  }

  private static void awaitCommitted(
      ConsumedOffsets offsets, PipelineDefinition pipeline, long records, long deadline)
      throws InterruptedException {
    while (offsets.committed("bench-teacher", pipeline.input().topic()) < records) {
      checkDeadline(deadline);
      Thread.sleep(20);
    }
  }

  private static void checkDeadline(long deadline) {
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException("the teacher pipeline did not finish within 10 minutes");
    }
  }
}
