package dev.weakstream.cli;

import dev.weakstream.avro.ModelRelease;
import dev.weakstream.registry.ReleaseRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code weakstream models publish}: publish a model file (e.g. trained elsewhere) as a candidate.
 */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description =
        "Publish a model file as a new CANDIDATE version (artifact in chunks, then the release).")
final class ModelsPublishCommand implements Callable<Integer> {

  @Mixin ModelsCommandOptions options;

  @Parameters(
      index = "1",
      paramLabel = "FILE",
      description = "The model artifact, e.g. student.onnx.")
  Path file;

  @Option(
      names = "--metric",
      paramLabel = "NAME=VALUE",
      description =
          "An evaluation metric (higher is better), e.g. --metric gold_f1=0.91; repeatable.")
  Map<String, Double> metrics = new LinkedHashMap<>();

  @Option(
      names = "--gate-metric",
      paramLabel = "NAME",
      description = "The metric the promotion gate compares.")
  String gateMetric;

  @Option(
      names = "--provenance",
      paramLabel = "KEY=VALUE",
      description = "Provenance entry; repeatable.")
  Map<String, String> provenance = new LinkedHashMap<>();

  @Option(
      names = "--parent",
      paramLabel = "VERSION",
      description = "Version this one was trained from.")
  Integer parent;

  @Option(
      names = "--format",
      defaultValue = ReleaseRequest.ONNX,
      description = "Artifact format (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() throws IOException {
    if (options.model == null) {
      throw new IllegalArgumentException("publish needs --model NAME (e.g. --model student)");
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("model file " + file + " does not exist");
    }
    byte[] artifact = Files.readAllBytes(file);
    Map<String, String> origin = new LinkedHashMap<>(provenance);
    origin.putIfAbsent("file", file.getFileName().toString());
    try (ModelsRegistryConnection connection = ModelsRegistryConnection.open(options)) {
      ModelRelease release =
          connection.registry.publish(
              new ReleaseRequest(
                  options.model, artifact, format, metrics, gateMetric, origin, parent));
      System.out.println(
          options.json
              ? ModelsRegistryConnection.json(ModelsRegistryConnection.toMap(release))
              : "published "
                  + release.getName()
                  + " v"
                  + release.getVersion()
                  + " ("
                  + release.getSizeBytes()
                  + " bytes, "
                  + release.getChunkCount()
                  + " chunks, sha256 "
                  + release.getSha256()
                  + ") as CANDIDATE");
      return 0;
    }
  }
}
