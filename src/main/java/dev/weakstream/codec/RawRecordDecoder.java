package dev.weakstream.codec;

import dev.weakstream.avro.DeadLetterReason;
import dev.weakstream.avro.RawRecord;
import dev.weakstream.pipeline.PipelineDefinition;
import java.io.IOException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.message.MissingSchemaException;

/**
 * Turns the bytes of a raw-topic message into a validated {@link RawRecord}, or says why it cannot.
 *
 * <p>Both wire formats are accepted on the same topic, told apart by their first byte: Avro
 * single-object encoding starts with {@code C3 01}, a JSON object with <code>{</code>. Avro is
 * checked against the schema before it is decoded ({@link SingleObjectCodec}), so a message whose
 * declared lengths exceed its size is dead-lettered, never allocated for; its strings must be valid
 * UTF-8 and nothing may follow the datum. JSON objects are read strictly by {@link
 * JsonRecordReader}. Never throws for bad input. Thread-safe.
 */
public final class RawRecordDecoder {

  private final SingleObjectCodec<RawRecord> avro = SingleObjectCodec.of(new RawRecord());
  private final PipelineDefinition pipeline;
  private final JsonRecordReader json;

  public RawRecordDecoder(PipelineDefinition pipeline) {
    this.pipeline = pipeline;
    this.json = new JsonRecordReader(pipeline);
  }

  /**
   * @param key the message key as a string (used as the id when a JSON object has none), or null
   * @param value the message value
   * @param timestamp the message timestamp (used when a JSON object has no event time)
   */
  public DecodeOutcome decode(String key, byte[] value, long timestamp) {
    if (value == null) {
      return new DecodeOutcome.Rejected(
          DeadLetterReason.TOMBSTONE, "tombstone: the message value is null, it carries no record");
    }
    if (value.length == 0) {
      return new DecodeOutcome.Rejected(
          DeadLetterReason.EMPTY_VALUE, "the message value is empty (0 bytes)");
    }
    if (value[0] == SingleObjectCodec.MARKER_0
        && (value.length == 1 || value[1] == SingleObjectCodec.MARKER_1)) {
      if (!SingleObjectCodec.looksLikeSingleObject(value)) {
        return new DecodeOutcome.Rejected(
            DeadLetterReason.UNDECODABLE,
            "truncated Avro single-object header: "
                + value.length
                + " bytes, the marker C3 01 and the 8-byte schema fingerprint need 10");
      }
      return decodeAvro(value);
    }
    int first = firstNonWhitespace(value);
    if (first >= 0 && value[first] == '{') {
      return json.read(value, key, timestamp);
    }
    return new DecodeOutcome.Rejected(
        DeadLetterReason.UNDECODABLE,
        "value is neither Avro single-object encoded (marker C3 01) nor a JSON object ("
            + value.length
            + " bytes, first byte 0x"
            + String.format("%02X", value[0])
            + ")");
  }

  private DecodeOutcome decodeAvro(byte[] value) {
    try {
      return RawRecordValidator.validate(avro.decode(value), pipeline);
    } catch (MissingSchemaException e) {
      return new DecodeOutcome.Rejected(DeadLetterReason.UNKNOWN_SCHEMA, e.getMessage());
    } catch (AvroDatumException e) {
      DeadLetterReason reason =
          switch (e.kind()) {
            case MALFORMED -> DeadLetterReason.UNDECODABLE;
            case INVALID_UTF8 -> DeadLetterReason.INVALID_UTF8;
            case TRAILING_BYTES -> DeadLetterReason.TRAILING_DATA;
          };
      return new DecodeOutcome.Rejected(reason, "corrupt Avro RawRecord: " + e.getMessage());
    } catch (IOException | AvroRuntimeException e) {
      return new DecodeOutcome.Rejected(
          DeadLetterReason.UNDECODABLE, "corrupt Avro RawRecord: " + e);
    }
  }

  private static int firstNonWhitespace(byte[] value) {
    for (int i = 0; i < value.length; i++) {
      if (!Character.isWhitespace(value[i])) {
        return i;
      }
    }
    return -1;
  }
}
