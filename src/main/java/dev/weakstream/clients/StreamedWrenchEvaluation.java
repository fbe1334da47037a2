package dev.weakstream.clients;

import dev.weakstream.avro.LabelModelRelease;
import dev.weakstream.avro.LabeledRecord;
import dev.weakstream.core.MajorityVote;
import dev.weakstream.core.VoteRow;
import dev.weakstream.kafka.EmbeddedKafkaBroker;
import dev.weakstream.kafka.KafkaClients;
import dev.weakstream.labelmodel.Metric;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.stream.PipelineApplication;
import dev.weakstream.stream.PipelineComponents;
import dev.weakstream.stream.StreamsSettings;
import dev.weakstream.wrench.WrenchDataset;
import dev.weakstream.wrench.WrenchEvaluation;
import dev.weakstream.wrench.WrenchMetrics;
import dev.weakstream.wrench.WrenchPipeline;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * WRENCH's protocol through the real pipeline on an embedded broker: the valid split streams in
 * with its gold labels (a dev stream: never trained on, it chooses hyper-parameters), the train
 * split without gold; the label model learns from the stream; once it has been fitted on all of
 * train, the test split streams in (with gold, so it does not change the statistics) and is scored
 * from the labeled topic. Majority vote is scored on the same streamed votes. The numbers must
 * equal {@link WrenchEvaluation}'s.
 */
public final class StreamedWrenchEvaluation {

  private StreamedWrenchEvaluation() {}

  /**
   * Runs the dataset through the pipeline; results as {@link WrenchEvaluation.Report} (valid not
   * scored).
   */
  public static WrenchEvaluation.Report evaluate(WrenchDataset data, Path workDir)
      throws InterruptedException {
    PipelineDefinition pipeline = WrenchPipeline.of(data, Duration.ofSeconds(1));
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(workDir.resolve("kafka"), 0)) {
      StreamsSettings settings =
          StreamsSettings.defaults(
                  "weakstream-" + pipeline.name(), broker.clients(), workDir.resolve("state"))
              .withStreamThreads(2);
      try (PipelineApplication app =
              PipelineApplication.start(
                  PipelineComponents.assemble(pipeline, settings, new SimpleMeterRegistry()),
                  Duration.ofMinutes(2));
          RawRecordProducer producer = new RawRecordProducer(pipeline, broker.clients())) {
        PipelineOutputReader reader = new PipelineOutputReader(pipeline, broker.clients());
        data.valid()
            .rows()
            .forEach(r -> producer.send(WrenchPipeline.rawRecord(data, data.valid(), r, true)));
        data.train()
            .rows()
            .forEach(r -> producer.send(WrenchPipeline.rawRecord(data, data.train(), r, false)));
        producer.flush();
        long trainAndValid = data.train().size() + data.valid().size();
        expectAll(
            reader.readUntil(trainAndValid, Duration.ofMinutes(5), Duration.ZERO, n -> {}),
            trainAndValid);
        LabelModelRelease model = awaitModel(pipeline, broker.clients(), data.train().size());
        awaitLabeler(app, model.getVersion());

        data.test()
            .rows()
            .forEach(r -> producer.send(WrenchPipeline.rawRecord(data, data.test(), r, true)));
        producer.flush();
        long all = trainAndValid + data.test().size();
        PipelineOutputReader.Output output =
            reader.readUntil(all, Duration.ofMinutes(5), Duration.ZERO, n -> {});
        expectAll(output, all);
        return score(data, output, model);
      }
    }
  }

  private static WrenchEvaluation.Report score(
      WrenchDataset data, PipelineOutputReader.Output output, LabelModelRelease model) {
    String testSource = "wrench/" + data.name() + "/" + data.test().name();
    int n = data.test().size();
    int[] gold = data.test().gold();
    int[] streamed = new int[n];
    int[] majority = new int[n];
    MajorityVote mv = new MajorityVote(data.numClasses());
    int seen = 0;
    for (LabeledRecord r : output.labeled()) {
      if (!r.getSource().equals(testSource)) {
        continue;
      }
      if (!r.getCombinerVersion().equals(model.getVersion())) {
        throw new IllegalStateException(
            "test row "
                + r.getId()
                + " was labeled by "
                + r.getCombinerVersion()
                + ", not the label model fitted on train, "
                + model.getVersion());
      }
      int index = Integer.parseInt(r.getId());
      streamed[index] = r.getLabel();
      majority[index] =
          mv.predict(
                  VoteRow.hard(
                      r.getVotes().stream().mapToInt(Integer::intValue).toArray(), r.getId()))
              .label();
      seen++;
    }
    if (seen != n) {
      throw new IllegalStateException("expected " + n + " labeled test rows, read " + seen);
    }
    Map<String, WrenchEvaluation.ModelResult> results = new LinkedHashMap<>();
    results.put(
        MajorityVote.NAME, result(MajorityVote.NAME, "1", gold, majority, data.numClasses()));
    results.put(
        model.getName(),
        result(model.getName(), model.getVersion(), gold, streamed, data.numClasses()));
    return new WrenchEvaluation.Report(
        data.name(), WrenchMetrics.forDataset(data.name()), model.getName(), results);
  }

  private static WrenchEvaluation.ModelResult result(
      String name, String version, int[] gold, int[] predicted, int numClasses) {
    return new WrenchEvaluation.ModelResult(
        name,
        version,
        Double.NaN,
        null,
        Metric.ACCURACY.score(gold, predicted),
        numClasses == 2 ? Metric.F1_POSITIVE.score(gold, predicted) : null,
        "through Kafka");
  }

  private static void expectAll(PipelineOutputReader.Output output, long expected) {
    if (output.total() < expected || !output.deadLetters().isEmpty()) {
      throw new IllegalStateException(
          "expected "
              + expected
              + " labeled records, got "
              + output.labeled().size()
              + " labeled and "
              + output.deadLetters().size()
              + " dead letters");
    }
  }

  private static LabelModelRelease awaitModel(
      PipelineDefinition pipeline, KafkaClients clients, long trainRows)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<LabelModelRelease> latest = LabelModelReleases.latest(pipeline, clients);
      if (latest.isPresent() && latest.get().getRecords() == trainRows) {
        return latest.get();
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        "no label model fitted on all " + trainRows + " train rows within 2 minutes");
  }

  private static void awaitLabeler(PipelineApplication app, String version)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (!app.components().labeler().get().version().equals(version)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the pipeline did not switch to label model " + version);
      }
      Thread.sleep(100);
    }
  }
}
