package dev.weakstream.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weakstream.avro.DeadLetterReason;
import dev.weakstream.avro.ExternalVote;
import dev.weakstream.pipeline.PipelineDefinition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads one JSON object message into a validated {@code RawRecord}, strictly: anything a lenient
 * reader would guess about is dead-lettered with a reason that says what was wrong, so no record is
 * labeled from text it did not send.
 *
 * <ul>
 *   <li>the bytes must be UTF-8 ({@code INVALID_UTF8}, where a lenient decoder puts U+FFFD) without
 *       raw NUL bytes (which only UTF-16/32 JSON has; {@code UNDECODABLE});
 *   <li>no key twice in an object ({@code DUPLICATE_KEY}; otherwise the last silently wins);
 *   <li>nothing but white space after the object ({@code TRAILING_DATA});
 *   <li>the text field must be a string ({@code TEXT_NOT_A_STRING}): a number or boolean is turned
 *       into its JSON text only where the pipeline sets {@code input.coerce_scalars: true}, and the
 *       outcome says so ({@link ScalarCoercion}); an array or object never is;
 *   <li>{@code external_votes} must be an array of {@code {"source": string, "label": integer,
 *       "probabilities": [numbers]}} objects ({@code INVALID_FIELD}).
 * </ul>
 *
 * Other fields are mapped by the pipeline's field mapping ({@link RawRecordMapper}); numbers there
 * (an id, an epoch-millisecond event time, a class id) are read as their text, as before. Then the
 * record is validated ({@link RawRecordValidator}). Never throws for bad input. Thread-safe.
 */
final class JsonRecordReader {

  private static final ObjectMapper JSON =
      new ObjectMapper(
          JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

  private final PipelineDefinition pipeline;
  private final RawRecordMapper mapper;

  JsonRecordReader(PipelineDefinition pipeline) {
    this.pipeline = pipeline;
    this.mapper = new RawRecordMapper(pipeline);
  }

  /**
   * @param value the message bytes, whose first non-white-space byte is <code>{</code>
   * @param key the message key (the id when the object has none), or null
   * @param timestamp the message timestamp (the event time when the object has none)
   */
  DecodeOutcome read(byte[] value, String key, long timestamp) {
    int malformed = StrictUtf8.firstMalformed(value, 0, value.length);
    if (malformed >= 0) {
      return rejected(
          DeadLetterReason.INVALID_UTF8,
          "JSON message is not valid UTF-8: malformed bytes "
              + StrictUtf8.hexAround(value, malformed)
              + " at byte offset "
              + malformed);
    }
    for (int i = 0; i < value.length; i++) {
      if (value[i] == 0) {
        return rejected(
            DeadLetterReason.UNDECODABLE,
            "JSON message has a raw NUL byte at byte offset "
                + i
                + "; JSON must be UTF-8 (UTF-16 and UTF-32 are not read) and escape control"
                + " characters");
      }
    }
    JsonNode node;
    try (JsonParser parser = JSON.createParser(value)) {
      node = JSON.readTree(parser);
      long end = parser.currentLocation().getByteOffset();
      String trailing = trailing(parser);
      if (trailing != null) {
        return rejected(
            DeadLetterReason.TRAILING_DATA,
            "the JSON object ends at byte offset " + end + ", but " + trailing + " follows it");
      }
    } catch (JsonParseException e) {
      String problem = e.getOriginalMessage();
      long at = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
      // Jackson's duplicate detection (STRICT_DUPLICATE_DETECTION) reports as "Duplicate field
      // 'NAME'"; JsonRecordReaderTest pins that wording.
      if (problem != null && problem.startsWith("Duplicate field")) {
        return rejected(
            DeadLetterReason.DUPLICATE_KEY,
            "JSON object has a key twice (which value was meant is unknown): "
                + problem.substring("Duplicate ".length())
                + " again at byte offset "
                + at);
      }
      return rejected(
          DeadLetterReason.UNDECODABLE, "malformed JSON at byte offset " + at + ": " + problem);
    } catch (IOException e) {
      String detail =
          e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.toString();
      return rejected(DeadLetterReason.UNDECODABLE, "malformed JSON: " + detail);
    }
    if (node == null || !node.isObject()) {
      return rejected(DeadLetterReason.UNDECODABLE, "JSON value is not an object");
    }
    String textField = pipeline.input().fields().text();
    JsonNode text = node.get(textField);
    ScalarCoercion coercion = ScalarCoercion.NONE;
    if (text != null && !text.isNull() && !text.isTextual()) {
      boolean scalar = text.isNumber() || text.isBoolean();
      if (!scalar || !pipeline.input().coerceScalars()) {
        return rejected(
            DeadLetterReason.TEXT_NOT_A_STRING,
            "text field '"
                + textField
                + "' is a JSON "
                + typeName(text)
                + ", not a string"
                + (scalar
                    ? "; send it as a string, or set input.coerce_scalars: true to label its JSON"
                        + " text"
                    : "; send the text as a string"));
      }
      coercion = text.isNumber() ? ScalarCoercion.NUMBER : ScalarCoercion.BOOLEAN;
    }
    DecodeOutcome outcome =
        mapper.toRecord(
            name -> name.equals(textField) ? textOf(text) : textOf(node.get(name)), key, timestamp);
    if (!(outcome instanceof DecodeOutcome.Decoded decoded)) {
      return outcome;
    }
    if (node.has("external_votes") && !node.get("external_votes").isNull()) {
      List<ExternalVote> votes = new ArrayList<>();
      DecodeOutcome.Rejected bad = readExternalVotes(node.get("external_votes"), votes);
      if (bad != null) {
        return bad;
      }
      decoded.record().setExternalVotes(votes);
    }
    DecodeOutcome validated = RawRecordValidator.validate(decoded.record(), pipeline);
    return validated instanceof DecodeOutcome.Decoded valid
        ? new DecodeOutcome.Decoded(valid.record(), coercion)
        : validated;
  }

  /** What follows the object, described, or null when only white space does. */
  private static String trailing(JsonParser parser) {
    try {
      JsonToken next = parser.nextToken();
      return next == null
          ? null
          : "a " + next.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " token";
    } catch (IOException e) {
      String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage() : "";
      return "something that is not JSON (" + detail + ")";
    }
  }

  /** Adds the votes to {@code votes}; returns null, or what is wrong with them. */
  private static DecodeOutcome.Rejected readExternalVotes(
      JsonNode array, List<ExternalVote> votes) {
    if (!array.isArray()) {
      return rejected(
          DeadLetterReason.INVALID_FIELD,
          "external_votes must be an array of {\"source\", \"label\", \"probabilities\"} objects,"
              + " found a JSON "
              + typeName(array));
    }
    for (JsonNode v : array) {
      if (!v.isObject() || !v.hasNonNull("source") || !v.hasNonNull("label")) {
        return rejected(
            DeadLetterReason.INVALID_FIELD,
            "each external_votes entry needs 'source' and 'label': " + v);
      }
      JsonNode source = v.get("source");
      JsonNode label = v.get("label");
      if (!source.isTextual() || !label.isIntegralNumber() || !label.canConvertToInt()) {
        return rejected(
            DeadLetterReason.INVALID_FIELD,
            "an external vote needs a string 'source' and an integer 'label' (a class id, or -1"
                + " to abstain): "
                + v);
      }
      List<Double> probabilities = null;
      if (v.hasNonNull("probabilities")) {
        JsonNode p = v.get("probabilities");
        if (!p.isArray()) {
          return rejected(
              DeadLetterReason.INVALID_FIELD,
              "external vote 'probabilities' must be an array of numbers: " + v);
        }
        probabilities = new ArrayList<>();
        for (JsonNode x : p) {
          if (!x.isNumber()) {
            return rejected(
                DeadLetterReason.INVALID_FIELD,
                "external vote 'probabilities' must be an array of numbers: " + v);
          }
          probabilities.add(x.asDouble());
        }
      }
      votes.add(new ExternalVote(source.asText(), label.asInt(), probabilities));
    }
    return null;
  }

  private static String textOf(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    return node.isValueNode() ? node.asText() : node.toString();
  }

  private static String typeName(JsonNode node) {
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  private static DecodeOutcome.Rejected rejected(DeadLetterReason reason, String message) {
    return new DecodeOutcome.Rejected(reason, message);
  }
}
