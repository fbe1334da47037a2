package dev.weakstream.codec;

import dev.weakstream.avro.LabeledRecord;
import dev.weakstream.avro.RawRecord;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;
import org.apache.avro.Schema;

/**
 * Builds a {@link LabeledRecord} from the parts that produce it — the raw record, the votes, the
 * combiner's prediction, the teacher that voted, the raw record's position, the student's score,
 * the processing time: the one place that maps them to the schema's fields, so a field added to
 * {@code LabeledRecord.avsc} is set here, by the part it comes from, and nowhere else ({@link
 * LabeledRecordWriter} follows the schema; {@code LabeledRecordBuilderTest} fails for a field no
 * part sets).
 *
 * <p>Not Avro's generated {@code LabeledRecord.Builder}: it validates every field and deep-copies
 * the defaults for every record, too slow for the labeling hot path (one record per input record).
 * This sets the fields of a record made with the no-argument constructor, and {@link #build()}
 * checks only that every required field (a field whose type is not a union with null, other than
 * Java primitives) is set, from the schema. Arrays are wrapped as read-only list views, not copied
 * or boxed: they must not change afterwards.
 *
 * <p>Not thread-safe: one builder per record, {@link #build()} once.
 */
public final class LabeledRecordBuilder {

  /** Positions of the fields {@link #build()} requires, and their names. */
  private static final int[] REQUIRED;

  private static final String[] REQUIRED_NAMES;

  static {
    List<Schema.Field> required = new ArrayList<>();
    for (Schema.Field field : LabeledRecord.getClassSchema().getFields()) {
      Schema.Type type = field.schema().getType();
      boolean primitive =
          field.schema().getLogicalType() == null
              && (type == Schema.Type.INT
                  || type == Schema.Type.LONG
                  || type == Schema.Type.FLOAT
                  || type == Schema.Type.DOUBLE
                  || type == Schema.Type.BOOLEAN);
      if (type != Schema.Type.UNION && !primitive) {
        required.add(field);
      }
    }
    REQUIRED = required.stream().mapToInt(Schema.Field::pos).toArray();
    REQUIRED_NAMES = required.stream().map(Schema.Field::name).toArray(String[]::new);
  }

  private final LabeledRecord record = new LabeledRecord();

  private LabeledRecordBuilder() {}

  /** A record labeling {@code raw}: its id, event time, source, text, attributes and gold label. */
  public static LabeledRecordBuilder of(RawRecord raw) {
    LabeledRecordBuilder builder = new LabeledRecordBuilder();
    LabeledRecord r = builder.record;
    r.setId(raw.getId());
    r.setEventTime(raw.getEventTime());
    r.setSource(raw.getSource());
    r.setText(raw.getText());
    r.setAttributes(raw.getAttributes());
    r.setGoldLabel(raw.getGoldLabel());
    return builder;
  }

  /**
   * One vote per source (LFs, then external sources, then the teacher), the LF set's version and
   * the names of the external sources.
   */
  public LabeledRecordBuilder votes(
      int[] votes, String lfSetVersion, List<String> externalSources) {
    record.setVotes(new IntsView(votes));
    record.setLfSetVersion(lfSetVersion);
    record.setExternalSources(externalSources);
    return this;
  }

  /** The combiner's output: class probabilities, label, its probability, LF coverage. */
  public LabeledRecordBuilder prediction(
      double[] probabilities, int label, double confidence, boolean covered) {
    record.setProbabilities(new DoublesView(probabilities));
    record.setLabel(label);
    record.setConfidence(confidence);
    record.setCovered(covered);
    return this;
  }

  /** The combiner (label model) and the version of its parameters. */
  public LabeledRecordBuilder combiner(String name, String version) {
    record.setCombinerName(name);
    record.setCombinerVersion(version);
    return this;
  }

  /** The teacher whose soft vote is among the votes and the version of the head that cast it. */
  public LabeledRecordBuilder teacher(String name, String version) {
    record.setTeacherName(name);
    record.setTeacherVersion(version);
    return this;
  }

  /** The teacher's sentence embedding of the text. */
  public LabeledRecordBuilder teacherEmbedding(float[] embedding) {
    record.setTeacherEmbedding(new FloatsView(embedding));
    return this;
  }

  /** Where the raw record was read: its partition and offset, each null when not known. */
  public LabeledRecordBuilder sourcePosition(Integer partition, Long offset) {
    record.setSourcePartition(partition);
    record.setSourceOffset(offset);
    return this;
  }

  /** The active student that scored the record: name, version, probabilities, label. */
  public LabeledRecordBuilder student(
      String name, String version, double[] probabilities, int label) {
    record.setStudentName(name);
    record.setStudentVersion(version);
    record.setStudentProbabilities(new DoublesView(probabilities));
    record.setStudentLabel(label);
    return this;
  }

  /** When the label was computed. */
  public LabeledRecordBuilder processedAt(Instant time) {
    record.setProcessingTime(time);
    return this;
  }

  /**
   * The record.
   *
   * @throws IllegalStateException naming the first required field no part set
   */
  public LabeledRecord build() {
    for (int i = 0; i < REQUIRED.length; i++) {
      if (record.get(REQUIRED[i]) == null) {
        throw new IllegalStateException(
            "LabeledRecord field '" + REQUIRED_NAMES[i] + "' is not set");
      }
    }
    return record;
  }

  /**
   * A read-only list over an int array, for Avro list fields: copying every vote into a boxed list
   * per record costs more than writing it.
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

  /** {@link IntsView} for floats. */
  private static final class FloatsView extends AbstractList<Float> implements RandomAccess {
    private final float[] values;

    FloatsView(float[] values) {
      this.values = values;
    }

    @Override
    public Float get(int index) {
      return values[index];
    }

    @Override
    public int size() {
      return values.length;
    }
  }
}
