package dev.weakstream.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weakstream.avro.LabeledRecord;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-written LabeledRecord writer against Avro's own encoder: byte for byte the same. */
class LabeledRecordWriterTest {

  private final LabeledRecordWriter writer = new LabeledRecordWriter();

  private static LabeledRecord minimal() {
    return new LabeledRecord(
        "id-1",
        Instant.ofEpochMilli(1_700_000_000_123L),
        "",
        "text",
        Map.of(),
        null,
        List.of(-1, -1),
        "lf-v1",
        List.of(),
        List.of(0.5, 0.5),
        0,
        0.5,
        false,
        "mv",
        "mv-1",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        Instant.ofEpochMilli(1_700_000_001_000L));
  }

  private static LabeledRecord full() {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("AUTHOR", "Zoë 🎵");
    attributes.put("channel", "");
    return new LabeledRecord(
        "комментарий-42",
        Instant.ofEpochMilli(-5L),
        "youtube",
        "Check out my channel 🎸 ❤ http://x",
        attributes,
        1,
        List.of(1, -1, 0, 1, -1, 1, 0, -1, -1, 1, 0, 1, -1, 1, 300, -70000),
        "lf-v2",
        List.of("moderation-api", "minilm"),
        List.of(0.1, 0.9),
        1,
        0.9,
        true,
        "ds-select",
        "ds-7",
        "minilm",
        "minilm-head-3",
        1,
        123_456_789_012L,
        List.of(0.25f, -1.5f, Float.MIN_VALUE),
        "student",
        "v3",
        List.of(0.2, 0.8, Double.NaN),
        1,
        Instant.ofEpochMilli(Long.MAX_VALUE / 2));
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
        .as("LabeledRecord.avsc changed: update LabeledRecordWriter (fields and FINGERPRINT)")
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
