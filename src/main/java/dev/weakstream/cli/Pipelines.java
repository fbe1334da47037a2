package dev.weakstream.cli;

import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.pipeline.PipelineLoader;
import dev.weakstream.wrench.WrenchDataset;
import dev.weakstream.wrench.WrenchPipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Resolves a command's pipeline argument: a YAML definition, or a WRENCH dataset folder. */
final class Pipelines {

  private Pipelines() {}

  static PipelineDefinition load(Path path) {
    if (Files.isDirectory(path) && Files.isRegularFile(path.resolve("train.json"))) {
      return WrenchPipeline.of(WrenchDataset.load(path), Duration.ofSeconds(5));
    }
    return PipelineLoader.load(path);
  }
}
