package dev.weakstream.stream;

import dev.weakstream.core.LabelingFunction;
import dev.weakstream.core.LabelingFunctionSet;
import dev.weakstream.core.TextRecord;
import dev.weakstream.labelmodel.Metric;
import dev.weakstream.pipeline.ClassDefinition;
import dev.weakstream.pipeline.FieldMapping;
import dev.weakstream.pipeline.InputDefinition;
import dev.weakstream.pipeline.InputFormat;
import dev.weakstream.pipeline.LabelModelDefinition;
import dev.weakstream.pipeline.OutputDefinition;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.pipeline.StudentDefinition;
import dev.weakstream.pipeline.TeacherDefinition;
import dev.weakstream.pipeline.TeacherReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Small pipelines built in code, for processor and topology tests. */
final class TestPipelines {

  private TestPipelines() {}

  static LabelingFunction contains(String name, String word, int label) {
    return new LabelingFunction() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public int apply(TextRecord record) {
        return record.text().toLowerCase(Locale.ROOT).contains(word) ? label : ABSTAIN;
      }
    };
  }

  static LabelingFunction throwing(String name) {
    return new LabelingFunction() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public int apply(TextRecord record) {
        throw new IllegalStateException("boom");
      }
    };
  }

  /**
   * HAM/SPAM with LFs: "http" → SPAM, "subscribe" → SPAM, "song" → HAM, "love" → HAM, one that
   * throws; external source "moderation-api"; majority vote (no label model).
   */
  static PipelineDefinition spam() {
    return spamWith(
        new LabelModelDefinition("mv", 1, Duration.ofSeconds(30), 0, 1024, Metric.ACCURACY, 1));
  }

  /** {@link #spam()} learning a label model: snapshots every 10 records, refits every 50. */
  static PipelineDefinition spamLearning() {
    return spamLearning(Duration.ofSeconds(600));
  }

  /** {@link #spamLearning()} that also snapshots and refits every {@code interval}. */
  static PipelineDefinition spamLearning(Duration interval) {
    return spamWith(new LabelModelDefinition("ds", 50, interval, 0, 1024, Metric.ACCURACY, 10));
  }

  /**
   * {@link #spam()} with the zero-shot MiniLM teacher for uncovered records, batches of 3, 1 s max
   * wait.
   */
  static PipelineDefinition spamWithTeacher() {
    PipelineDefinition base = spam();
    TeacherDefinition teacher =
        new TeacherDefinition(
            "minilm",
            TeacherReference.Mode.ZEROSHOT,
            TeacherDefinition.Query.UNCOVERED,
            0.8,
            3,
            Duration.ofSeconds(1),
            0,
            100,
            20);
    return new PipelineDefinition(
        base.source(),
        base.name(),
        base.classes(),
        base.input(),
        base.output(),
        base.labelingFunctions(),
        base.externalSources(),
        base.labelModel(),
        List.of(teacher));
  }

  /** {@link #spam()} with a student that may stand in for the teacher at {@code skipConfidence}. */
  static PipelineDefinition spamWithStudent(double skipConfidence) {
    return withStudent(spam(), skipConfidence);
  }

  /**
   * {@link #spam()} with the zero-shot MiniLM teacher asked for every record (batches of 3) and a
   * student that may stand in for it at {@code skipConfidence}.
   */
  static PipelineDefinition spamWithTeacherAlwaysAndStudent(double skipConfidence) {
    PipelineDefinition base = spam();
    TeacherDefinition teacher =
        new TeacherDefinition(
            "minilm",
            TeacherReference.Mode.ZEROSHOT,
            TeacherDefinition.Query.ALWAYS,
            0.8,
            3,
            Duration.ofSeconds(1),
            0,
            100,
            20);
    return withStudent(
        new PipelineDefinition(
            base.source(),
            base.name(),
            base.classes(),
            base.input(),
            base.output(),
            base.labelingFunctions(),
            base.externalSources(),
            base.labelModel(),
            List.of(teacher)),
        skipConfidence);
  }

  private static PipelineDefinition withStudent(PipelineDefinition base, double skipConfidence) {
    StudentDefinition d = StudentDefinition.defaults();
    StudentDefinition student =
        new StudentDefinition(
            d.features(),
            d.hashBits(),
            d.seed(),
            d.l2(),
            d.retrainEveryShards(),
            d.retrainInterval(),
            d.promotionMargin(),
            0.6,
            skipConfidence);
    return new PipelineDefinition(
        base.source(),
        base.name(),
        base.classes(),
        base.input(),
        base.output(),
        base.labelingFunctions(),
        base.externalSources(),
        base.labelModel(),
        base.teachers(),
        student,
        null);
  }

  private static PipelineDefinition spamWith(LabelModelDefinition labelModel) {
    List<LabelingFunction> lfs =
        List.of(
            contains("link", "http", 1),
            contains("subscribe", "subscribe", 1),
            contains("song", "song", 0),
            contains("love", "love", 0),
            throwing("broken"));
    return new PipelineDefinition(
        Path.of("test.yaml"),
        "test-spam",
        List.of(new ClassDefinition(0, "HAM", ""), new ClassDefinition(1, "SPAM", "")),
        new InputDefinition(
            "raw",
            InputFormat.AVRO,
            new FieldMapping("id", "text", "gold", "event_time", List.of("author")),
            200),
        new OutputDefinition("labeled", "dead-letters", 2),
        new LabelingFunctionSet(lfs, 2, "test-v1"),
        List.of("moderation-api"),
        labelModel);
  }

  /** {@link #spam()} with {@code input.coerce_scalars: true}. */
  static PipelineDefinition spamCoercingScalars() {
    PipelineDefinition base = spam();
    InputDefinition in = base.input();
    return new PipelineDefinition(
        base.source(),
        base.name(),
        base.classes(),
        new InputDefinition(in.topic(), in.format(), in.fields(), in.maxTextChars(), true),
        base.output(),
        base.labelingFunctions(),
        base.externalSources(),
        base.labelModel());
  }
}
