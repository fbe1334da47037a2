package dev.weakstream.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weakstream.avro.DeadLetterReason;
import dev.weakstream.avro.ExternalVote;
import dev.weakstream.avro.RawRecord;
import dev.weakstream.pipeline.PipelineDefinition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.message.MissingSchemaException;

/**
 * Turns the bytes of a raw-topic message into a validated {@link RawRecord}, or says why it cannot.
 *
 * <p>Both wire formats are accepted on the same topic, told apart by their first byte: Avro
 * single-object encoding starts with {@code C3 01}, a JSON object with <code>{</code>. Avro is
 * checked against the schema before it is decoded ({@link SingleObjectCodec}), so a message whose
 * declared lengths exceed its size is dead-lettered, never allocated for. JSON objects are mapped
 * by the pipeline's field mapping; an optional {@code external_votes} array of <code>
 * {"source":…, "label":…, "probabilities":[…]}</code> objects is read as well. Never throws for bad
 * input. Thread-safe.
 */
public final class RawRecordDecoder {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SingleObjectCodec<RawRecord> avro = SingleObjectCodec.of(new RawRecord());
  private final PipelineDefinition pipeline;
  private final RawRecordMapper mapper;

  public RawRecordDecoder(PipelineDefinition pipeline) {
    this.pipeline = pipeline;
    this.mapper = new RawRecordMapper(pipeline);
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
      return decodeJson(key, value, timestamp);
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
      return new DecodeOutcome.Rejected(
          DeadLetterReason.UNDECODABLE, "corrupt Avro RawRecord: " + e.getMessage());
    } catch (IOException | AvroRuntimeException e) {
      return new DecodeOutcome.Rejected(
          DeadLetterReason.UNDECODABLE, "corrupt Avro RawRecord: " + e);
    }
  }

  private DecodeOutcome decodeJson(String key, byte[] value, long timestamp) {
    JsonNode node;
    try {
      node = JSON.readTree(value);
    } catch (IOException e) {
      String detail =
          e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.toString();
      return new DecodeOutcome.Rejected(DeadLetterReason.UNDECODABLE, "malformed JSON: " + detail);
    }
    if (node == null || !node.isObject()) {
      return new DecodeOutcome.Rejected(
          DeadLetterReason.UNDECODABLE, "JSON value is not an object");
    }
    DecodeOutcome outcome = mapper.toRecord(name -> textOf(node.get(name)), key, timestamp);
    if (!(outcome instanceof DecodeOutcome.Decoded decoded)) {
      return outcome;
    }
    if (node.has("external_votes")) {
      List<ExternalVote> votes = new ArrayList<>();
      for (JsonNode v : node.get("external_votes")) {
        if (!v.hasNonNull("source") || !v.hasNonNull("label")) {
          return new DecodeOutcome.Rejected(
              DeadLetterReason.INVALID_FIELD,
              "each external_votes entry needs 'source' and 'label': " + v);
        }
        List<Double> probabilities = null;
        if (v.hasNonNull("probabilities")) {
          probabilities = new ArrayList<>();
          for (JsonNode p : v.get("probabilities")) {
            probabilities.add(p.asDouble());
          }
        }
        votes.add(
            new ExternalVote(v.get("source").asText(), v.get("label").asInt(), probabilities));
      }
      decoded.record().setExternalVotes(votes);
    }
    return RawRecordValidator.validate(decoded.record(), pipeline);
  }

  private static String textOf(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    return node.isValueNode() ? node.asText() : node.toString();
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
