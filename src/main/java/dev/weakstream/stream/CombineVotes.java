package dev.weakstream.stream;

import dev.weakstream.avro.LabeledRecord;
import dev.weakstream.avro.RawRecord;
import dev.weakstream.core.Labeler;
import dev.weakstream.core.Prediction;
import dev.weakstream.metrics.PipelineMetrics;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.student.StudentEvaluation;
import java.time.Instant;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;
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
  private final StudentEvaluation evaluation;
  private FixedKeyProcessorContext<String, LabeledRecord> context;

  /**
   * @param teacher not read: the teacher's name and version come with its vote ({@link
   *     VotedRecord#teacher()}); kept until the topology's wiring is simplified
   * @param evaluation told each record's student scores and label, or null without a student
   */
  CombineVotes(
      Supplier<Labeler> labeler,
      PipelineDefinition pipeline,
      PipelineMetrics metrics,
      StreamTeacher teacher,
      StudentEvaluation evaluation) {
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
    // The all-arguments constructor: Avro's builder validates and copies defaults, too slow per
    // record.
    LabeledRecord labeled =
        new LabeledRecord(
            raw.getId(),
            raw.getEventTime(),
            raw.getSource(),
            raw.getText(),
            raw.getAttributes(),
            raw.getGoldLabel(),
            asList(voted.row().votes()),
            lfSetVersion,
            externalSources,
            new DoublesView(prediction.probabilities()),
            prediction.label(),
            prediction.confidence(),
            prediction.covered(),
            current.name(),
            current.version(),
            teacherName(voted),
            teacherVersion(voted),
            voted.sourcePartition(),
            voted.sourceOffset(),
            null,
            studentName(voted),
            studentVersion(voted),
            studentProbabilities(voted),
            studentLabel(voted),
            Instant.ofEpochMilli(now));
    if (evaluation != null) {
      evaluation.observe(
          voted.student(), voted.candidate(), prediction.label(), raw.getGoldLabel());
    }
    metrics.labeled(prediction.covered(), raw.getEventTime().toEpochMilli(), now);
    metrics.analyse(voted.row().votes(), raw.getGoldLabel());
    context.forward(record.withValue(labeled));
  }

  private static String studentName(VotedRecord voted) {
    return voted.student() == null ? null : voted.student().name();
  }

  private static String studentVersion(VotedRecord voted) {
    return voted.student() == null ? null : voted.student().version();
  }

  private static List<Double> studentProbabilities(VotedRecord voted) {
    return voted.student() == null
        ? null
        : Arrays.stream(voted.student().probabilities()).boxed().toList();
  }

  private static Integer studentLabel(VotedRecord voted) {
    return voted.student() == null ? null : voted.student().label();
  }

  /** The name of the teacher whose soft vote (the row's last source) is present, else null. */
  private static String teacherName(VotedRecord voted) {
    return voted.teacher() == null ? null : voted.teacher().name();
  }

  /** The version of the head that cast that vote, fixed when it voted. */
  private static String teacherVersion(VotedRecord voted) {
    return voted.teacher() == null ? null : voted.teacher().version();
  }

  private static List<Integer> asList(int[] votes) {
    return new IntsView(votes);
  }

  /**
   * A read-only list over an int array, for Avro list fields: copying every vote into a boxed list
   * per record costs more than writing it. The array must not change afterwards.
   */
  private static final class IntsView extends AbstractList<Integer> implements RandomAccess {
    private final int[] values;

    IntsView(int[] values) {
      this.values = values;
    }

    @Override
    public Integer get(int index) {
      return values[index];
    }

    @Override
    public int size() {
      return values.length;
    }
  }

  /** {@link IntsView} for doubles. */
  private static final class DoublesView extends AbstractList<Double> implements RandomAccess {
    private final double[] values;

    DoublesView(double[] values) {
      this.values = values;
    }

    @Override
    public Double get(int index) {
      return values[index];
    }

    @Override
    public int size() {
      return values.length;
    }
  }
}
