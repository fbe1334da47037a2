package dev.weakstream.cli;

import dev.weakstream.clients.StudentFollower;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.registry.ModelRegistry;
import dev.weakstream.registry.RegistrySettings;
import dev.weakstream.retraining.StudentRetraining;
import dev.weakstream.shards.LocalShardStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code weakstream train}: one retraining round on demand. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train the pipeline's student now on its sealed training shards (under --work-dir, written by"
          + " 'weakstream run'), select it on the gold evaluation set, print the evaluation, then publish it"
          + " to the model registry as a candidate and promote it if it beats the active student by the"
          + " pipeline's promotion_margin. Running instances hot-swap a promoted student in.",
      "",
      "Example: weakstream train topology/youtube-spam.yaml",
      "         weakstream train topology/youtube-spam.yaml --no-publish --output student.onnx"
    })
final class TrainCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      paramLabel = "PIPELINE.yaml",
      description = "Pipeline definition with shards and student sections.")
  Path pipelineFile;

  @Mixin ClusterOptions cluster;

  @Option(
      names = "--output",
      paramLabel = "FILE.onnx",
      description = "Also write the exported ONNX model here.")
  Path output;

  @Option(
      names = "--no-publish",
      description = "Train and evaluate only; do not publish to the registry.")
  boolean noPublish;

  @Override
  public Integer call() throws Exception {
    PipelineDefinition pipeline = Pipelines.load(pipelineFile);
    if (pipeline.student() == null || pipeline.shards() == null) {
      throw new IllegalArgumentException(
          "pipeline "
              + pipeline.name()
              + " needs both a 'shards:' and a 'student:'"
              + " section to train a student (see topology/README.md)");
    }
    LocalShardStore store =
        LocalShardStore.under(cluster.workDir, pipeline.name(), pipeline.shards());
    String name = StudentFollower.modelName(pipeline.name());
    if (noPublish) {
      StudentRetraining retraining = new StudentRetraining(pipeline, store, null, name);
      StudentRetraining.Trained trained = train(retraining);
      writeOutput(retraining.export(trained, "local"));
      return 0;
    }
    try (KafkaCluster kafka = KafkaCluster.connect(cluster);
        ModelRegistry registry =
            ModelRegistry.open(RegistrySettings.of(pipeline.name(), kafka.clients()))) {
      StudentRetraining retraining = new StudentRetraining(pipeline, store, registry, name);
      StudentRetraining.Trained trained = train(retraining);
      StudentRetraining.Outcome outcome = retraining.publish(trained);
      System.out.printf(
          Locale.ROOT, "published %s v%d (candidate)%n", name, outcome.release().getVersion());
      System.out.printf(
          Locale.ROOT,
          "%s: %s%n",
          outcome.decision().promoted() ? "promoted" : "not promoted",
          outcome.decision().reason());
      if (output != null) {
        writeOutput(retraining.export(trained, String.valueOf(outcome.release().getVersion())));
      }
      return 0;
    }
  }

  private static StudentRetraining.Trained train(StudentRetraining retraining) throws Exception {
    StudentRetraining.Trained trained;
    try (TrainingProgressBar bar = new TrainingProgressBar("training (epochs)")) {
      trained = retraining.train(bar);
    }
    var r = trained.training();
    System.out.printf(
        Locale.ROOT,
        "trained a %s student on %,d rows from %d shards in %.1f s%n",
        r.model().kind(),
        trained.trainRows(),
        trained.shards(),
        trained.trainSeconds());
    System.out.printf(
        Locale.ROOT,
        "selected l2 %.0e, label temperature %.2f, epoch %d%n",
        r.l2(),
        r.temperature(),
        r.epoch());
    if (trained.goldRows() > 0) {
      System.out.printf(
          Locale.ROOT,
          "gold evaluation set (%d rows): accuracy %.2f%%%s%n",
          trained.goldRows(),
          100 * r.goldAccuracy(),
          r.goldF1() == null ? "" : String.format(Locale.ROOT, ", F1 %.2f%%", 100 * r.goldF1()));
    } else {
      System.out.println("no gold evaluation set yet: the student was trained without selection");
    }
    return trained;
  }

  private void writeOutput(byte[] onnx) throws IOException {
    if (output != null) {
      Files.write(output, onnx);
      System.out.printf(Locale.ROOT, "wrote %s (%,d bytes)%n", output, onnx.length);
    }
  }
}
