package dev.weakstream.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weakstream.core.MajorityVote;
import dev.weakstream.metrics.PipelineMetrics;
import dev.weakstream.metrics.TeacherMetrics;
import dev.weakstream.pipeline.PipelineDefinition;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** The one call that builds a pipeline's topology refuses options that miss a declared part. */
class PipelineTopologyOptionsTest {

  private static PipelineTopology.Options optionsFor(PipelineDefinition pipeline) {
    return PipelineTopology.Options.of(
        pipeline,
        new CurrentLabeler(new MajorityVote(pipeline.numClasses())),
        PipelineMetrics.of(new SimpleMeterRegistry(), pipeline));
  }

  @Test
  void aDeclaredTeacherMustBeGiven() {
    PipelineDefinition pipeline = TestPipelines.spamWithTeacher();
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class, () -> PipelineTopology.build(optionsFor(pipeline)));
    assertThat(error)
        .hasMessageContaining("declares teacher")
        .hasMessageContaining("none was given");
  }

  @Test
  void aStudentSectionNeedsItsSlot() {
    PipelineDefinition pipeline = TestPipelines.spamWithStudent(0.9);
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class, () -> PipelineTopology.build(optionsFor(pipeline)));
    assertThat(error).hasMessageContaining("has a student section");
  }

  @Test
  void aStudentSlotScoresTheRecords() {
    PipelineDefinition pipeline = TestPipelines.spamWithStudent(0.9);
    try (StreamStudent student =
        StreamStudent.create(
            pipeline, new SimpleMeterRegistry(), (name, version, agreement, window) -> {})) {
      String described =
          PipelineTopology.build(optionsFor(pipeline).withStudent(student)).describe().toString();
      assertThat(described).contains("score-student").doesNotContain("query-teacher");
    }
  }

  @Test
  void aTeacherComesWithItsMetrics() {
    PipelineDefinition pipeline = TestPipelines.spam();
    PipelineTopology.Options options = optionsFor(pipeline);
    TeacherMetrics unattached =
        new TeacherMetrics(new SimpleMeterRegistry(), pipeline.name(), "none", "cpu", () -> null);
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new PipelineTopology.Options(
                    pipeline, options.labeler(), options.metrics(), null, unattached, null));
    assertThat(error).hasMessageContaining("come together");
  }
}
