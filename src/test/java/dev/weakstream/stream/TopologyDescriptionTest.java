package dev.weakstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weakstream.core.MajorityVote;
import dev.weakstream.metrics.PipelineMetrics;
import dev.weakstream.metrics.TeacherMetrics;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.pipeline.PipelineLoader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps {@code topology/<pipeline>.topology.txt} equal to {@code Topology#describe()} of each
 * shipped pipeline, so wiring changes show up in review. After an intended change, regenerate with
 * {@code mvn test -Dtest=TopologyDescriptionTest -Dweakstream.updateTopologies=true}.
 */
class TopologyDescriptionTest {

  static Stream<Path> shippedPipelines() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("topology"))) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("shippedPipelines")
  void describedTopologyMatchesTheCheckedInText(Path yaml) throws IOException {
    PipelineDefinition pipeline = PipelineLoader.load(yaml);
    PipelineMetrics metrics = PipelineMetrics.of(new SimpleMeterRegistry(), pipeline);
    CurrentLabeler labeler = new CurrentLabeler(new MajorityVote(pipeline.numClasses()));
    String described;
    try (StreamStudent student =
            pipeline.student() == null
                ? null
                : StreamStudent.create(
                    pipeline, new SimpleMeterRegistry(), (name, version, agreement, window) -> {});
        StreamTeacher teacher =
            pipeline.teachers().isEmpty() ? null : StreamTeachers.open(pipeline, 1)) {
      described =
          PipelineTopology.build(options(pipeline, labeler, metrics, teacher, student))
              .describe()
              .toString();
    }
    Path expectedFile = yaml.resolveSibling(pipeline.name() + ".topology.txt");
    if (Boolean.getBoolean("weakstream.updateTopologies")) {
      Files.writeString(expectedFile, described);
    }
    assertThat(expectedFile)
        .as("%s is missing; generate it with -Dweakstream.updateTopologies=true", expectedFile)
        .exists();
    assertThat(described)
        .as(
            "the topology of %s drifted from %s; if intended, regenerate it with "
                + "mvn test -Dtest=TopologyDescriptionTest -Dweakstream.updateTopologies=true",
            yaml, expectedFile)
        .isEqualTo(Files.readString(expectedFile));
  }

  private static PipelineTopology.Options options(
      PipelineDefinition pipeline,
      CurrentLabeler labeler,
      PipelineMetrics metrics,
      StreamTeacher teacher,
      StreamStudent student) {
    PipelineTopology.Options options = PipelineTopology.Options.of(pipeline, labeler, metrics);
    if (teacher != null) {
      options =
          options.withTeacher(
              teacher,
              new TeacherMetrics(
                  new SimpleMeterRegistry(),
                  pipeline.name(),
                  teacher.definition().name(),
                  "cpu",
                  teacher::cache));
    }
    return student == null ? options : options.withStudent(student);
  }
}
