package dev.weakstream.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weakstream.avro.LabeledRecord;
import dev.weakstream.avro.RawRecord;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/** The schema-compiled LabeledRecord writer against Avro's own encoder: byte for byte the same. */
class LabeledRecordWriterTest {

  private final LabeledRecordWriter writer = new LabeledRecordWriter();

  private static LabeledRecord minimal() {
    return LabeledRecordBuilder.of(
            RawRecord.newBuilder()
                .setId("id-1")
                .setEventTime(Instant.ofEpochMilli(1_700_000_000_123L))
                .setSource("")
                .setText("text")
                .setAttributes(Map.of())
                .setGoldLabel(null)
                .build())
        .votes(new int[] {-1, -1}, "lf-v1", List.of())
        .prediction(new double[] {0.5, 0.5}, 0, 0.5, false)
        .combiner("mv", "mv-1")
        .processedAt(Instant.ofEpochMilli(1_700_000_001_000L))
        .build();
  }

  private static LabeledRecord full() {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("AUTHOR", "Zoë 🎵");
    attributes.put("channel", "");
    return LabeledRecordBuilder.of(
            RawRecord.newBuilder()
                .setId("комментарий-42")
                .setEventTime(Instant.ofEpochMilli(-5L))
                .setSource("youtube")
                .setText("Check out my channel 🎸 ❤ http://x")
                .setAttributes(attributes)
                .setGoldLabel(1)
                .build())
        .votes(
            new int[] {1, -1, 0, 1, -1, 1, 0, -1, -1, 1, 0, 1, -1, 1, 300, -70000},
            "lf-v2",
            List.of("moderation-api", "minilm"))
        .prediction(new double[] {0.1, 0.9}, 1, 0.9, true)
        .combiner("ds-select", "ds-7")
        .teacher("minilm", "minilm-head-3")
        .sourcePosition(1, 123_456_789_012L)
        .teacherEmbedding(new float[] {0.25f, -1.5f, Float.MIN_VALUE})
        .student("student", "v3", new double[] {0.2, 0.8, Double.NaN}, 1)
        .processedAt(Instant.ofEpochMilli(Long.MAX_VALUE / 2))
        .build();
  }

  private static byte[] avro(LabeledRecord record) throws Exception {
    ByteBuffer buffer = LabeledRecord.getEncoder().encode(record);
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  @Test
  void writesTheSchemaItWasWrittenFor() {
    assertThat(LabeledRecordWriter.writes(LabeledRecord.getClassSchema()))
        .as("LabeledRecord.avsc uses a type LabeledRecordWriter does not compile: add it there")
        .isTrue();
  }

  @Test
  void encodesTheSameBytesAsAvroWithoutOptionalFields() throws Exception {
    assertThat(writer.encode(minimal())).isEqualTo(avro(minimal()));
  }

  @Test
  void encodesTheSameBytesAsAvroWithEveryField() throws Exception {
    assertThat(writer.encode(full())).isEqualTo(avro(full()));
  }

  @Test
  void listsWithoutIndexedAccessEncodeTheSame() throws Exception {
    LabeledRecord record = full();
    record.setVotes(new LinkedList<>(record.getVotes()));
    record.setProbabilities(new LinkedList<>(record.getProbabilities()));
    record.setStudentProbabilities(new LinkedList<>(record.getStudentProbabilities()));
    assertThat(writer.encode(record)).isEqualTo(avro(full()));
  }

  @Test
  void theCodecUsesItAndDecodesWhatItWrote() throws Exception {
    SingleObjectCodec<LabeledRecord> codec = SingleObjectCodec.of(new LabeledRecord());
    assertThat(codec.encode(full())).isEqualTo(avro(full()));
    assertThat(codec.decode(codec.encode(full()))).isEqualTo(full());
  }

  /**
   * LabeledRecord's schema with the kinds of fields the next releases add (optional and required
   * arrays, a map, an optional timestamp), written through a generic record: the writer follows the
   * schema, so it writes fields it has never seen exactly as Avro does.
   */
  @Test
  void aFieldAddedToTheSchemaIsWrittenAsAvroWritesItWithNoChangeHere() throws Exception {
    Schema base = LabeledRecord.getClassSchema();
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : base.getFields()) {
      fields.add(new Schema.Field(f, f.schema()));
    }
    Schema doubles = Schema.createArray(Schema.create(Schema.Type.DOUBLE));
    Schema timestamp = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
    fields.add(
        new Schema.Field(
            "calibrated_probabilities",
            Schema.createUnion(Schema.create(Schema.Type.NULL), doubles),
            null,
            Schema.Field.NULL_DEFAULT_VALUE));
    fields.add(
        new Schema.Field(
            "conformal_set", Schema.createArray(Schema.create(Schema.Type.INT)), null, List.of()));
    fields.add(
        new Schema.Field(
            "flags", Schema.createMap(Schema.create(Schema.Type.STRING)), null, Map.of()));
    fields.add(
        new Schema.Field(
            "calibrated_at",
            Schema.createUnion(timestamp, Schema.create(Schema.Type.NULL)),
            null,
            null));
    Schema evolved =
        Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
    GenericData model = new GenericData();
    model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    BinaryMessageEncoder<GenericRecord> avro = new BinaryMessageEncoder<>(model, evolved);
    LabeledRecordWriter writer = new LabeledRecordWriter(evolved);

    for (LabeledRecord labeled : List.of(minimal(), full())) {
      GenericData.Record record = new GenericData.Record(evolved);
      for (Schema.Field f : base.getFields()) {
        record.put(f.pos(), labeled.get(f.pos()));
      }
      record.put("conformal_set", List.of(1, 0));
      record.put("flags", Map.of("low_margin", "0.02"));
      assertThat(writer.encode(record)).isEqualTo(bytes(avro.encode(record)));
      record.put("calibrated_probabilities", List.of(0.3, 0.7));
      record.put("calibrated_at", Instant.ofEpochMilli(1_700_000_002_000L));
      assertThat(writer.encode(record)).isEqualTo(bytes(avro.encode(record)));
    }
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  @Test
  void aSchemaWithATypeItDoesNotCompileFallsBackToAvro() {
    Schema base = LabeledRecord.getClassSchema();
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : base.getFields()) {
      fields.add(new Schema.Field(f, f.schema()));
    }
    fields.add(new Schema.Field("raw_bytes", Schema.create(Schema.Type.BYTES), null, null));
    Schema evolved =
        Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
    assertThat(LabeledRecordWriter.writes(evolved)).isFalse();
    assertThatThrownBy(() -> new LabeledRecordWriter(evolved))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("raw_bytes");
  }

  @Test
  void aMissingRequiredFieldIsNamed() throws Exception {
    LabeledRecord record = minimal();
    record.setCombinerVersion(null);
    assertThatThrownBy(() -> writer.encode(record))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("combiner_version");
    assertThat(writer.encode(full()))
        .as("a failed write leaves nothing behind")
        .isEqualTo(avro(full()));
  }
}
