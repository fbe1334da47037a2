package dev.weakstream.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weakstream.avro.DeadLetter;
import dev.weakstream.avro.DeadLetterReason;
import dev.weakstream.avro.ExternalVote;
import dev.weakstream.avro.RawRecord;
import dev.weakstream.codec.PoisonMessages.Bytes;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/**
 * Avro messages through the production decoder: what a corrupt one is rejected as, and that the
 * reason says which field and which offset.
 */
class RawRecordDecoderAvroTest {

  private final RawRecordDecoder decoder = new RawRecordDecoder(PoisonPipeline.definition());
  private final SingleObjectCodec<RawRecord> codec = SingleObjectCodec.of(new RawRecord());

  private DecodeOutcome.Rejected rejected(byte[] value) {
    DecodeOutcome outcome = decoder.decode("k", value, 0L);
    assertThat(outcome).isInstanceOf(DecodeOutcome.Rejected.class);
    return (DecodeOutcome.Rejected) outcome;
  }

  private static RawRecord record() {
    return RawRecord.newBuilder()
        .setId("r1")
        .setEventTime(Instant.ofEpochMilli(1_700_000_000_000L))
        .setText("love this song")
        .setAttributes(Map.of("AUTHOR", "someone"))
        .setExternalVotes(List.of(new ExternalVote("moderation-api", 1, List.of(0.25, 0.75))))
        .build();
  }

  @Test
  void aValidRecordDecodes() {
    DecodeOutcome outcome = decoder.decode("k", codec.encode(record()), 0L);
    assertThat(outcome).isInstanceOf(DecodeOutcome.Decoded.class);
    assertThat(((DecodeOutcome.Decoded) outcome).record()).isEqualTo(record());
  }

  @Test
  void aTombstoneAndAnEmptyValueHaveTheirOwnReasons() {
    assertThat(rejected(null).reason()).isEqualTo(DeadLetterReason.TOMBSTONE);
    assertThat(rejected(new byte[0]).reason()).isEqualTo(DeadLetterReason.EMPTY_VALUE);
  }

  @Test
  void aTruncatedHeaderSaysHowLongTheMessageIs() {
    byte[] five = Arrays.copyOf(codec.encode(record()), 5);
    DecodeOutcome.Rejected r = rejected(five);
    assertThat(r.reason()).isEqualTo(DeadLetterReason.UNDECODABLE);
    assertThat(r.message()).contains("truncated Avro single-object header").contains("5 bytes");
    assertThat(rejected(new byte[] {(byte) 0xC3}).message()).contains("1 bytes");
  }

  @Test
  void anUnknownFingerprintIsNamedInHex() {
    byte[] bytes = codec.encode(record());
    bytes[2] ^= 0x55;
    DecodeOutcome.Rejected r = rejected(bytes);
    assertThat(r.reason()).isEqualTo(DeadLetterReason.UNKNOWN_SCHEMA);
    long fingerprint = SingleObjectCodec.fingerprintOf(bytes);
    assertThat(r.message())
        .contains(String.format("%016X", fingerprint))
        .contains("not a known version of RawRecord");
  }

  @Test
  void aTruncatedDatumNamesTheFieldItEndsIn() {
    byte[] full = codec.encode(record());
    // Cut inside the text "love this song": header 10, id 3, event time 6, source 1, union 1, len
    // 1.
    DecodeOutcome.Rejected r = rejected(Arrays.copyOf(full, 10 + 3 + 6 + 1 + 1 + 1 + 4));
    assertThat(r.reason()).isEqualTo(DeadLetterReason.UNDECODABLE);
    assertThat(r.message())
        .contains("field 'text' at byte offset 21 of 26")
        .contains("declared string length 14 exceeds the 4 bytes left");
  }

  @Test
  void aUnionBranchOutsideTheSchemaIsNamed() {
    byte[] bytes =
        PoisonMessages.withHeader(
            SchemaNormalization.parsingFingerprint64(RawRecord.getClassSchema()),
            new Bytes().string("p").varint(5).string("").varint(7).bytes());
    DecodeOutcome.Rejected r = rejected(bytes);
    assertThat(r.reason()).isEqualTo(DeadLetterReason.UNDECODABLE);
    assertThat(r.message())
        .contains("field 'text' at byte offset 14")
        .contains("union branch index 7 is outside [0, 2)");
  }

  @Test
  void aVarintLongerThanALongIsMalformed() {
    byte[] eleven = new byte[11];
    Arrays.fill(eleven, (byte) 0xFF);
    byte[] bytes =
        PoisonMessages.withHeader(
            SchemaNormalization.parsingFingerprint64(RawRecord.getClassSchema()),
            new Bytes().string("p").raw(eleven).bytes());
    DecodeOutcome.Rejected r = rejected(bytes);
    assertThat(r.message())
        .contains("field 'event_time' at byte offset 12")
        .contains("varint longer than 10 bytes");
  }

  @Test
  void aNegativeLengthIsMalformed() {
    byte[] bytes =
        PoisonMessages.withHeader(
            SchemaNormalization.parsingFingerprint64(RawRecord.getClassSchema()),
            new Bytes().varint(-3).raw("abc").bytes());
    assertThat(rejected(bytes).message())
        .contains("field 'id' at byte offset 10")
        .contains("negative string length -3");
  }

  @Test
  void bytesAfterTheDatumAreNotIgnored() {
    byte[] full = codec.encode(record());
    byte[] longer = Arrays.copyOf(full, full.length + 3);
    DecodeOutcome.Rejected r = rejected(longer);
    assertThat(r.reason()).isEqualTo(DeadLetterReason.TRAILING_DATA);
    assertThat(r.message()).contains("3 bytes after the end of the datum");
  }

  @Test
  void everyTruncationOfAValidRecordIsRejectedNotThrown() {
    byte[] full = codec.encode(record());
    for (int n = 1; n < full.length; n++) {
      DecodeOutcome outcome = decoder.decode("k", Arrays.copyOf(full, n), 0L);
      assertThat(outcome).as("first %d bytes", n).isInstanceOf(DecodeOutcome.Rejected.class);
      assertThat(((DecodeOutcome.Rejected) outcome).reason())
          .as("first %d bytes", n)
          .isEqualTo(DeadLetterReason.UNDECODABLE);
    }
  }

  @Test
  void deadLettersWrittenWithTheFirstSchemaVersionStillDecode() throws Exception {
    Schema v1;
    try (InputStream in = getClass().getResourceAsStream("/schemas/history/DeadLetter.v1.avsc")) {
      v1 = new Schema.Parser().parse(in);
    }
    assertThat(SchemaNormalization.parsingFingerprint64(v1))
        .isNotEqualTo(SchemaNormalization.parsingFingerprint64(DeadLetter.getClassSchema()));
    GenericRecord old = new GenericData.Record(v1);
    old.put("original_key", ByteBuffer.wrap(new byte[] {1, 2}));
    old.put("original_value", null);
    old.put("source_topic", "raw");
    old.put("source_partition", 1);
    old.put("source_offset", 42L);
    old.put("reason", new GenericData.EnumSymbol(v1.getField("reason").schema(), "MISSING_TEXT"));
    old.put("message", "no text");
    old.put("dead_lettered_at", 7L);
    ByteArrayOutputStream datum = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(datum, null);
    new GenericDatumWriter<GenericRecord>(v1).write(old, encoder);
    encoder.flush();
    byte[] message =
        PoisonMessages.withHeader(
            SchemaNormalization.parsingFingerprint64(v1), datum.toByteArray());

    DeadLetter decoded = SingleObjectCodec.of(new DeadLetter()).decode(message);
    assertThat(decoded.getReason()).isEqualTo(DeadLetterReason.MISSING_TEXT);
    assertThat(decoded.getSourceOffset()).isEqualTo(42L);
    assertThat(decoded.getMessage()).isEqualTo("no text");
  }
}
