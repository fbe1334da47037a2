package dev.weakstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weakstream.core.LabelingFunction;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/bench/youtube-spam-one-lf.yaml} is the shipped youtube pipeline with one labeling
 * function: {@code bench pipeline} on both attributes the difference to the labeling functions only
 * while everything else stays identical.
 */
class OneLfExperimentDefinitionTest {

  @Test
  void differsFromTheShippedPipelineOnlyInItsLabelingFunctions() {
    PipelineDefinition shipped = PipelineLoader.load(Path.of("topology/youtube-spam.yaml"));
    PipelineDefinition experiment =
        PipelineLoader.load(Path.of("docs/bench/youtube-spam-one-lf.yaml"));

    assertThat(experiment.labelingFunctions().functions())
        .extracting(LabelingFunction::name)
        .containsExactly("keyword_song");
    assertThat(shipped.labelingFunctions().functions())
        .extracting(LabelingFunction::name)
        .contains("keyword_song")
        .hasSizeGreaterThan(1);
    assertThat(experiment.name()).isEqualTo(shipped.name());
    assertThat(experiment.classes()).isEqualTo(shipped.classes());
    assertThat(experiment.input()).isEqualTo(shipped.input());
    assertThat(experiment.output()).isEqualTo(shipped.output());
    assertThat(experiment.externalSources()).isEqualTo(shipped.externalSources());
    assertThat(experiment.labelModel()).isEqualTo(shipped.labelModel());
    assertThat(experiment.teachers()).isEqualTo(shipped.teachers());
    assertThat(experiment.student()).isEqualTo(shipped.student());
    assertThat(experiment.shards()).isEqualTo(shipped.shards());
  }
}
