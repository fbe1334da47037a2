package dev.weakstream.codec;

import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.pipeline.PipelineLoader;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The hardening tests' pipeline, {@code pipelines/hardening.yaml} on the test classpath. */
public final class PoisonPipeline {

  private PoisonPipeline() {}

  /** The YAML file, as a path. */
  public static Path file() {
    try {
      return Path.of(PoisonPipeline.class.getResource("/pipelines/hardening.yaml").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static PipelineDefinition definition() {
    return PipelineLoader.load(file());
  }
}
