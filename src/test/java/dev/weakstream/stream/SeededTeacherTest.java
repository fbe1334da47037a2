package dev.weakstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.pipeline.TeacherDefinition;
import dev.weakstream.pipeline.TeacherReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A few-shot teacher with a seed file is fitted at start, with the real MiniLM encoder. */
class SeededTeacherTest {

  @TempDir Path dir;

  @Test
  void aSeedFileMakesTheFewShotTeacherReadyBeforeAnyGoldStreamsIn() throws Exception {
    Path seeds = dir.resolve("seeds.csv");
    Files.writeString(
        seeds,
        """
        text,gold
        Subscribe to my channel for free gift cards,spam
        Check out my website and win a prize now,spam
        Click this link to get free followers,spam
        Visit my page for cheap deals today,spam
        This song brings back so many memories,ham
        Her voice is beautiful in this performance,ham
        I have listened to this track a hundred times,ham
        The guitar solo at the end is amazing,ham
        """);
    PipelineDefinition base = TestPipelines.spam();
    TeacherDefinition teacher =
        new TeacherDefinition(
            "minilm",
            TeacherReference.Mode.FEWSHOT,
            TeacherDefinition.Query.UNCOVERED,
            0.8,
            4,
            Duration.ofSeconds(1),
            0,
            100,
            20,
            seeds);
    PipelineDefinition pipeline =
        new PipelineDefinition(
            base.source(),
            base.name(),
            base.classes(),
            base.input(),
            base.output(),
            base.labelingFunctions(),
            base.externalSources(),
            base.labelModel(),
            List.of(teacher));
    try (StreamTeacher streamTeacher = StreamTeachers.open(pipeline, 1)) {
      assertThat(streamTeacher.ready()).isTrue();
      double[][] p =
          streamTeacher
              .model()
              .predict(
                  List.of(
                      "Win free gift cards, visit my website",
                      "What a lovely melody, I adore this singer"));
      assertThat(p[0][1]).isGreaterThan(0.5);
      assertThat(p[1][0]).isGreaterThan(0.5);
    }
  }
}
