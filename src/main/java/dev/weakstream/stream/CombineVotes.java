package dev.weakstream.stream;

import dev.weakstream.avro.LabeledRecord;
import dev.weakstream.avro.RawRecord;
import dev.weakstream.codec.LabeledRecordBuilder;
import dev.weakstream.core.Labeler;
import dev.weakstream.core.Prediction;
import dev.weakstream.metrics.PipelineMetrics;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.student.LiveStudentEvaluation;
import dev.weakstream.student.StudentScore;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Combines a record's votes into class probabilities with the current {@link Labeler} and builds
 * the {@link LabeledRecord}, stamped with the combiner's name and version and with the teacher's
 * name and version as they were when it voted ({@link VotedRecord#teacher()}), and carrying the
 * active student's score; tells the student evaluation (agreement with the label, gold accuracy)
 * when there is one.
 */
final class CombineVotes implements FixedKeyProcessor<String, VotedRecord, LabeledRecord> {

  private final Supplier<Labeler> labeler;
  private final String lfSetVersion;
  private final List<String> externalSources;
  private final PipelineMetrics metrics;
  private final LiveStudentEvaluation evaluation;
  private FixedKeyProcessorContext<String, LabeledRecord> context;

  /**
   * @param evaluation told each record's student scores and label, or null without a student
   */
  CombineVotes(
      Supplier<Labeler> labeler,
      PipelineDefinition pipeline,
      PipelineMetrics metrics,
      LiveStudentEvaluation evaluation) {
    this.evaluation = evaluation;
    this.labeler = labeler;
    this.lfSetVersion = pipeline.labelingFunctions().version();
    this.externalSources = pipeline.externalSources();
    this.metrics = metrics;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, LabeledRecord> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, VotedRecord> record) {
    VotedRecord voted = record.value();
    Labeler current = labeler.get();
    Prediction prediction = current.predict(voted.row());
    RawRecord raw = voted.raw();
    long now = context.currentSystemTimeMs();
    LabeledRecordBuilder builder =
        LabeledRecordBuilder.of(raw)
            .votes(voted.row().votes(), lfSetVersion, externalSources)
            .prediction(
                prediction.probabilities(),
                prediction.label(),
                prediction.confidence(),
                prediction.covered())
            .combiner(current.name(), current.version())
            .sourcePosition(voted.sourcePartition(), voted.sourceOffset())
            .processedAt(Instant.ofEpochMilli(now));
    if (voted.teacher() != null) {
      builder.teacher(voted.teacher().name(), voted.teacher().version());
    }
    StudentScore student = voted.student();
    if (student != null) {
      builder.student(student.name(), student.version(), student.probabilities(), student.label());
    }
    LabeledRecord labeled = builder.build();
    if (evaluation != null) {
      evaluation.observe(
          voted.student(), voted.candidate(), prediction.label(), raw.getGoldLabel());
    }
    metrics.labeled(prediction.covered(), raw.getEventTime().toEpochMilli(), now);
    metrics.analyse(voted.row().votes(), raw.getGoldLabel());
    context.forward(record.withValue(labeled));
  }
}
