package dev.weakstream.cli;

import dev.weakstream.clients.StudentFollower;
import dev.weakstream.kafka.PipelineTopics;
import dev.weakstream.metrics.MetricsServer;
import dev.weakstream.metrics.PrometheusMetrics;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.retraining.StudentLoop;
import dev.weakstream.stream.PipelineApplication;
import dev.weakstream.stream.PipelineComponents;
import dev.weakstream.stream.ProcessingGuarantee;
import dev.weakstream.stream.StreamsSettings;
import dev.weakstream.teacher.OfflineGuard;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code weakstream run}: runs a pipeline until stopped. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run a pipeline: label every record of its input topic, write labels and dead letters, serve metrics.",
      "Without --bootstrap-servers an embedded single-node Kafka broker is started (127.0.0.1). Stops "
          + "gracefully on Ctrl-C / SIGTERM.",
      "",
      "Example:",
      "  weakstream run topology/youtube-spam.yaml",
      "  weakstream produce topology/youtube-spam.yaml --file comments.csv   # in another terminal",
      ""
    })
final class RunCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      paramLabel = "PIPELINE.yaml",
      description =
          "Pipeline definition, or a WRENCH dataset folder (runs its generated pipeline, see 'import wrench').")
  Path pipelineFile;

  @Mixin ClusterOptions cluster;

  @Option(
      names = "--application-id",
      paramLabel = "ID",
      description = "Kafka Streams application id (default: weakstream-<pipeline name>).")
  String applicationId;

  @Option(
      names = "--threads",
      defaultValue = "1",
      description = "Stream threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--metrics-port",
      defaultValue = "9464",
      description =
          "Port of the Prometheus /metrics endpoint on 127.0.0.1; 0 picks a free one, -1 disables it "
              + "(default: ${DEFAULT-VALUE}).")
  int metricsPort;

  @Option(
      names = "--processing-guarantee",
      defaultValue = "exactly_once_v2",
      converter = ProcessingGuaranteeConverter.class,
      description = "exactly_once_v2 or at_least_once (default: ${DEFAULT-VALUE}).")
  ProcessingGuarantee processingGuarantee;

  @Option(
      names = "--commit-interval-ms",
      paramLabel = "MS",
      description =
          "How often tasks commit (default: Kafka's 100 ms; 1 s for pipelines with a teacher).")
  Long commitIntervalMs;

  @Option(
      names = "--serve-only",
      description =
          "With shards and a student: only serve the student the registry makes active; collect shards "
              + "and retrain on one other instance (shards live in that instance's --work-dir).")
  boolean serveOnly;

  @Override
  public Integer call() throws Exception {
    PipelineDefinition pipeline = Pipelines.load(pipelineFile);
    if (!pipeline.teachers().isEmpty()) {
      OfflineGuard.check(); // before starting anything: the teacher's tokenizer needs it
    }
    String appId = applicationId != null ? applicationId : "weakstream-" + pipeline.name();
    // Everything opened is closed on every way out: a failed start, the pipeline stopping, Ctrl-C.
    OpenResources open = new OpenResources();
    Thread shutdown =
        new Thread(
            () -> {
              System.err.println("stopping " + pipeline.name() + " ...");
              open.close();
            },
            "weakstream-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdown);
    try {
      return run(pipeline, appId, open);
    } finally {
      open.close();
      try {
        Runtime.getRuntime().removeShutdownHook(shutdown);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run: nothing left to remove
      }
    }
  }

  private int run(PipelineDefinition pipeline, String appId, OpenResources open) throws Exception {
    KafkaCluster kafka = open.add(KafkaCluster.open(cluster, cluster.workDir.resolve("kafka")));
    PrometheusMetrics metrics = open.add(PrometheusMetrics.open());
    MetricsServer server =
        metricsPort >= 0 ? open.add(MetricsServer.start(metrics.registry(), metricsPort)) : null;
    StreamsSettings settings =
        StreamsSettings.defaults(appId, kafka.clients(), cluster.workDir.resolve("state"))
            .withStreamThreads(threads)
            .withProcessingGuarantee(processingGuarantee)
            .withCommitInterval(
                commitIntervalMs == null ? null : Duration.ofMillis(commitIntervalMs));
    PipelineApplication app =
        open.add(
            PipelineApplication.start(
                PipelineComponents.assemble(pipeline, settings, metrics.registry()),
                Duration.ofMinutes(2)));
    StudentLoop loop =
        open.add(
            StudentLoop.start(
                pipeline,
                app,
                kafka.clients(),
                cluster.workDir,
                metrics.registry(),
                true,
                !serveOnly,
                outcome ->
                    System.err.printf(
                        "  student v%d (gold %s): %s%n",
                        outcome.release().getVersion(),
                        outcome.release().getMetrics(),
                        outcome.decision().reason())));
    System.err.printf("pipeline %s running (application id %s)%n", pipeline.name(), appId);
    System.err.printf(
        "  kafka %s%s%n", kafka.bootstrapServers(), kafka.embedded() ? " (embedded)" : "");
    System.err.printf(
        "  reading %s -> labeled %s, dead letters %s%n",
        pipeline.input().topic(),
        pipeline.output().labeledTopic(),
        pipeline.output().deadLetterTopic());
    if (server != null) {
      System.err.printf("  metrics http://127.0.0.1:%d/metrics%n", server.port());
    }
    if (loop.store() != null) {
      System.err.printf(
          "  training shards under %s%n",
          cluster.workDir.resolve("shards").resolve(pipeline.name()));
    }
    if (pipeline.student() != null) {
      System.err.printf(
          "  student %s follows the model registry (topic %s)%n",
          StudentFollower.modelName(pipeline.name()),
          PipelineTopics.of(pipeline).registry().models().name());
    }
    while (!app.awaitStop(Duration.ofSeconds(10))) {
      System.err.printf(
          "  labeled %,.0f records, coverage %.1f%%%n",
          app.metrics().recordsLabeled(), 100 * app.metrics().coverage());
    }
    return app.streams().state() == KafkaStreams.State.ERROR ? 1 : 0;
  }
}
