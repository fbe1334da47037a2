package dev.weakstream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakstream.avro.LabelModelRelease;
import dev.weakstream.avro.RawRecord;
import dev.weakstream.clients.LabelModelReleases;
import dev.weakstream.clients.LabelingReport;
import dev.weakstream.clients.PipelineOutputReader;
import dev.weakstream.clients.RawRecordProducer;
import dev.weakstream.codec.RecordFileFormat;
import dev.weakstream.core.MajorityVote;
import dev.weakstream.kafka.EmbeddedKafkaBroker;
import dev.weakstream.kafka.KafkaClients;
import dev.weakstream.labelmodel.DawidSkeneModel;
import dev.weakstream.metrics.PrometheusMetrics;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.pipeline.PipelineLoader;
import dev.weakstream.retraining.StudentLoop;
import dev.weakstream.stream.PipelineApplication;
import dev.weakstream.stream.PipelineComponents;
import dev.weakstream.stream.StreamsSettings;
import dev.weakstream.teacher.OfflineGuard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code weakstream demo}: the whole pipeline on real data, on an embedded broker, in one command.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Start an embedded Kafka broker, stream the 1,956 comments of the YouTube Spam Collection through "
          + "topology/youtube-spam.yaml, wait until every one is labeled or dead-lettered, and summarise: "
          + "records, class distribution, per-LF coverage/overlap/conflict/accuracy against the corpus' gold "
          + "CLASS column, overall accuracy and coverage. With the pipeline's shards and student sections, the "
          + "loop closes mid-stream: the first three videos' labels become training shards, a student is trained "
          + "on them, published to the model registry, promoted and hot-swapped into the running stream, and the "
          + "last two videos meet it (its accuracy, and the teacher calls it saved, are reported). Nothing is left "
          + "running; no external service is used.",
      "",
      "Example:",
      "  weakstream demo",
      "  weakstream demo --json",
      ""
    })
final class DemoCommand implements Callable<Integer> {

  private static final String CORPUS = "datasets/youtube-spam-collection";

  @Option(
      names = "--json",
      description = "Print the summary as one JSON object (rates in percent).")
  boolean json;

  @Option(
      names = "--pipeline",
      paramLabel = "PIPELINE.yaml",
      description = "Pipeline to run (default: the bundled topology/youtube-spam.yaml).")
  Path pipelineFile;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description = "Stream threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--rate",
      defaultValue = "200",
      paramLabel = "RECORDS_PER_SECOND",
      description =
          "Produce the comments at this steady rate, like a live stream, so the label model refits "
              + "while they flow; 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(
      names = "--timeout",
      defaultValue = "150",
      paramLabel = "SECONDS",
      description = "Give up waiting for labels after this long (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    Path work = Files.createTempDirectory("weakstream-demo-");
    try {
      return run(work);
    } finally {
      DirectoryTree.delete(work);
    }
  }

  private int run(Path work) throws Exception {
    long start = System.nanoTime();
    Path topology =
        pipelineFile != null
            ? pipelineFile
            : BundledFiles.extract("topology", work.resolve("topology"))
                .resolve("youtube-spam.yaml");
    Path corpus = BundledFiles.extract(CORPUS, work.resolve("corpus"));
    PipelineDefinition loaded = PipelineLoader.load(topology);
    // Seal the first phase's last shards within seconds, so the student trains on all of it.
    PipelineDefinition pipeline =
        loaded.shards() == null
            ? loaded
            : loaded.withShards(
                DemoStudentPhase.sealingWithin(loaded.shards(), Duration.ofSeconds(2)));
    if (!pipeline.teachers().isEmpty()) {
      OfflineGuard.check(); // before starting anything: the teacher's tokenizer needs it
    }
    step("starting embedded Kafka broker (KRaft, 127.0.0.1)");
    try (PrometheusMetrics metrics = PrometheusMetrics.open();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(work.resolve("kafka"), 0)) {
      step(
          "starting pipeline "
              + pipeline.name()
              + " on "
              + broker.bootstrapServers()
              + " ("
              + pipeline.labelingFunctions().size()
              + " labeling functions, exactly_once_v2)");
      StreamsSettings settings =
          StreamsSettings.defaults("weakstream-demo", broker.clients(), work.resolve("state"))
              .withStreamThreads(threads);
      try (PipelineApplication app =
              PipelineApplication.start(
                  PipelineComponents.assemble(pipeline, settings, metrics.registry()),
                  Duration.ofMinutes(2));
          StudentLoop loop =
              StudentLoop.start(
                  pipeline,
                  app,
                  broker.clients(),
                  work,
                  metrics.registry(),
                  false,
                  true,
                  outcome -> {});
          RawRecordProducer producer = new RawRecordProducer(pipeline, broker.clients())) {
        long produced = 0;
        Map<String, Integer> heldOut = new HashMap<>();
        long[] devRecords = {0};
        long[] sent = {0};
        long produceStart = System.nanoTime();
        List<Path> files = BundledFiles.csvFiles(corpus);
        // With shards and a student, the loop closes mid-stream: the first files' labels become
        // shards, a
        // student is trained on them, promoted and hot-swapped in, and the rest of the stream meets
        // it.
        boolean studentLoop = pipeline.shards() != null && pipeline.student() != null;
        int firstPhase = studentLoop ? files.size() - 2 : files.size();
        DemoStudentPhase.Result student = null;
        for (int f = 0; f < files.size(); f++) {
          if (studentLoop && f == firstPhase) {
            student =
                DemoStudentPhase.run(
                    pipeline,
                    app,
                    loop,
                    broker.clients(),
                    metrics.registry(),
                    produced,
                    Duration.ofSeconds(timeoutSeconds),
                    DemoCommand::step);
          }
          Path csv = files.get(f);
          try (ProgressBar bar =
              new ProgressBar("producing " + csv.getFileName(), Files.lines(csv).count())) {
            RawRecordProducer.FileReport report =
                producer.produceFile(
                    csv,
                    RecordFileFormat.CSV,
                    record -> {
                      pace(produceStart, sent[0]++);
                      return devOrWeak(record, heldOut, devRecords);
                    },
                    bar::update);
            produced += report.produced();
            report
                .badRows()
                .forEach(
                    b ->
                        System.err.printf(
                            "  %s line %d skipped: %s%n",
                            csv.getFileName(), b.line(), b.message()));
          }
        }
        step(
            "produced "
                + produced
                + " comments ("
                + devRecords[0]
                + " with gold labels as a dev stream, the rest "
                + "weak with their gold held out for scoring); waiting for labels");
        PipelineOutputReader.Output output;
        try (ProgressBar bar = new ProgressBar("labeled + dead-lettered", produced)) {
          output =
              new PipelineOutputReader(pipeline, broker.clients())
                  .readUntil(
                      produced,
                      Duration.ofSeconds(timeoutSeconds),
                      Duration.ofSeconds(1),
                      bar::update);
        }
        DemoStudentPhase.Summary studentSummary =
            student == null
                ? null
                : DemoStudentPhase.summarise(student, output, heldOut, metrics.registry());
        LabelingReport report = LabelingReport.of(pipeline, produced, output, heldOut);
        Optional<LabelModelRelease> model =
            awaitFinalModel(pipeline, broker.clients(), heldOut.size());
        step(String.format("done in %.1f s", (System.nanoTime() - start) / 1e9));
        double mvAccuracy =
            LabelingReport.accuracy(new MajorityVote(pipeline.numClasses()), output, heldOut);
        double modelAccuracy =
            model
                .map(
                    m ->
                        LabelingReport.accuracy(
                            DawidSkeneModel.fromBytes(m.getParameters().array()), output, heldOut))
                .orElse(Double.NaN);
        if (json) {
          ObjectMapper mapper = new ObjectMapper();
          ObjectNode root = report.toJson(mapper);
          ObjectNode lm = root.putObject("label_model");
          lm.put("name", pipeline.labelModel().name());
          model.ifPresent(
              m ->
                  lm.put("version", m.getVersion())
                      .put("fits", m.getFitNumber())
                      .put("records", m.getRecords())
                      .put("gold_rows", m.getGoldRows()));
          lm.put("accuracy_final_model", Math.round(modelAccuracy * 100) / 100.0);
          lm.put("accuracy_majority_vote", Math.round(mvAccuracy * 100) / 100.0);
          if (studentSummary != null) {
            studentSummary.toJson(root.putObject("student"));
          }
          System.out.println(mapper.writeValueAsString(root));
        } else {
          System.out.println();
          System.out.println(report.toText(pipeline));
          model.ifPresent(
              m ->
                  System.out.printf(
                      "  final label model %s (fit #%d on %,d weak records, %d gold rows to choose hyper-parameters):%n"
                          + "  re-scoring every record's votes: label model %.2f%% vs majority vote %.2f%% accuracy%n%n",
                      m.getVersion(),
                      m.getFitNumber(),
                      m.getRecords(),
                      m.getGoldRows(),
                      modelAccuracy,
                      mvAccuracy));
          if (studentSummary != null) {
            System.out.println(studentSummary.toText());
          }
        }
        if (output.total() != produced) {
          System.err.printf("expected %d records out, got %d%n", produced, output.total());
          return 1;
        }
        return 0;
      }
    }
  }

  /** Sleeps until record number {@code n} is due at the configured rate. */
  private void pace(long startNanos, long n) {
    if (rate <= 0) {
      return;
    }
    long due = startNanos + n * 1_000_000_000L / rate;
    long wait = due - System.nanoTime();
    if (wait > 1_000_000) {
      try {
        Thread.sleep(wait / 1_000_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Keeps the gold label of one comment in ten (by id): the dev stream; holds the others' back. */
  private static RawRecord devOrWeak(
      RawRecord record, Map<String, Integer> heldOut, long[] devRecords) {
    if (record.getGoldLabel() == null) {
      return record;
    }
    if (Math.floorMod(record.getId().hashCode(), 10) == 0) {
      devRecords[0]++;
      return record;
    }
    heldOut.put(record.getId(), record.getGoldLabel());
    record.setGoldLabel(null);
    return record;
  }

  /**
   * Waits (briefly) for the label model fitted on every weak record: the refit interval publishes
   * it.
   */
  private Optional<LabelModelRelease> awaitFinalModel(
      PipelineDefinition pipeline, KafkaClients clients, long weak) throws InterruptedException {
    if (!pipeline.labelModel().learns()) {
      return Optional.empty();
    }
    long deadline =
        System.nanoTime() + pipeline.labelModel().refitInterval().multipliedBy(3).toNanos();
    Optional<LabelModelRelease> latest = LabelModelReleases.latest(pipeline, clients);
    while (System.nanoTime() < deadline && latest.map(m -> m.getRecords() < weak).orElse(true)) {
      Thread.sleep(500);
      latest = LabelModelReleases.latest(pipeline, clients);
    }
    return latest;
  }

  private static void step(String message) {
    System.err.println("weakstream demo: " + message);
  }
}
