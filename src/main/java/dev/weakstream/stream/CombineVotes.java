package dev.weakstream.stream;

import dev.weakstream.avro.LabeledRecord;
import dev.weakstream.avro.RawRecord;
import dev.weakstream.core.Labeler;
import dev.weakstream.core.Prediction;
import dev.weakstream.metrics.PipelineMetrics;
import dev.weakstream.pipeline.PipelineDefinition;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Combines a record's votes into class probabilities with the current {@link Labeler} and builds the
 * {@link LabeledRecord}, stamped with the combiner's name and version.
 */
final class CombineVotes implements FixedKeyProcessor<String, VotedRecord, LabeledRecord> {

  private final Supplier<Labeler> labeler;
  private final String lfSetVersion;
  private final List<String> externalSources;
  private final PipelineMetrics metrics;
  private final StreamTeacher teacher;
  private FixedKeyProcessorContext<String, LabeledRecord> context;

  CombineVotes(Supplier<Labeler> labeler, PipelineDefinition pipeline, PipelineMetrics metrics, StreamTeacher teacher) {
    this.teacher = teacher;
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
    // The all-arguments constructor: Avro's builder validates and copies defaults, too slow per record.
    LabeledRecord labeled = new LabeledRecord(
        raw.getId(), raw.getEventTime(), raw.getSource(), raw.getText(), raw.getAttributes(), raw.getGoldLabel(),
        asList(voted.row().votes()), lfSetVersion, externalSources,
        Arrays.stream(prediction.probabilities()).boxed().toList(), prediction.label(), prediction.confidence(),
        prediction.covered(), current.name(), current.version(), teacherName(voted), teacherVersion(voted),
        voted.sourcePartition(), voted.sourceOffset(), null, null, null, null, null, Instant.ofEpochMilli(now));
    metrics.labeled(prediction.covered(), raw.getEventTime().toEpochMilli(), now);
    metrics.analyse(voted.row().votes(), raw.getGoldLabel());
    context.forward(record.withValue(labeled));
  }

  /** The teacher's name when its soft vote (the row's last source) is present. */
  private String teacherName(VotedRecord voted) {
    return teacherVoted(voted) ? teacher.definition().name() : null;
  }

  private String teacherVersion(VotedRecord voted) {
    return teacherVoted(voted) ? teacher.model().version() : null;
  }

  private boolean teacherVoted(VotedRecord voted) {
    return teacher != null && voted.row().softVote(voted.row().size() - 1) != null;
  }

  private static List<Integer> asList(int[] votes) {
    return Arrays.stream(votes).boxed().toList();
  }
}
