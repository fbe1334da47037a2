package dev.weakstream.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Options every {@code weakstream models} subcommand takes: the pipeline, its cluster, the model,
 * --json.
 */
final class ModelsCommandOptions {

  @Parameters(
      index = "0",
      paramLabel = "PIPELINE.yaml",
      description =
          "Pipeline definition (its name names the registry topics), or a WRENCH dataset folder.")
  Path pipelineFile;

  @Mixin ClusterOptions cluster;

  @Option(
      names = "--model",
      paramLabel = "NAME",
      description = "Model name (default: the only model in the registry).")
  String model;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;
}
