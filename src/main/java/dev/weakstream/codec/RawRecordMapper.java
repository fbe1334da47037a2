package dev.weakstream.codec;

import dev.weakstream.avro.DeadLetterReason;
import dev.weakstream.avro.RawRecord;
import dev.weakstream.pipeline.PipelineDefinition;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Maps a flat row of named string fields — a JSON object, a CSV/TSV row, a JSONL line — to a {@link
 * RawRecord}, using the field names of the pipeline's {@code input.fields} mapping.
 *
 * <p>Gold labels may be class names or ids. Event times may be epoch milliseconds or ISO-8601
 * (without a zone they are read as UTC); a missing or empty event time falls back to the given
 * time. Immutable and thread-safe.
 */
public final class RawRecordMapper {

  private final PipelineDefinition pipeline;

  public RawRecordMapper(PipelineDefinition pipeline) {
    this.pipeline = pipeline;
  }

  /** Maps one row and validates the record ({@link RawRecordValidator}). */
  public DecodeOutcome map(Function<String, String> field, String fallbackId, long fallbackTime) {
    DecodeOutcome outcome = toRecord(field, fallbackId, fallbackTime);
    return outcome instanceof DecodeOutcome.Decoded decoded
        ? RawRecordValidator.validate(decoded.record(), pipeline)
        : outcome;
  }

  /**
   * Maps one row without validating its text, so producers can send records the stream will
   * dead-letter; fails only when a field cannot be mapped (no id, bad gold label or event time).
   *
   * @param field returns a field's value, or null when the row lacks it
   * @param fallbackId id to use when the row has no id (e.g. the Kafka key or a line number)
   * @param fallbackTime event time to use when the row has none
   */
  public DecodeOutcome toRecord(
      Function<String, String> field, String fallbackId, long fallbackTime) {
    var fields = pipeline.input().fields();
    String id = blankToNull(field.apply(fields.id()));
    if (id == null) {
      id = fallbackId;
    }
    if (id == null || id.isBlank()) {
      return new DecodeOutcome.Rejected(
          DeadLetterReason.INVALID_FIELD, "no id: field '" + fields.id() + "' is missing or empty");
    }
    long eventTime;
    try {
      eventTime = parseTime(field.apply(fields.eventTime()), fallbackTime);
    } catch (DateTimeParseException | NumberFormatException e) {
      return new DecodeOutcome.Rejected(
          DeadLetterReason.INVALID_FIELD,
          "field '"
              + fields.eventTime()
              + "' is neither epoch millis nor ISO-8601: "
              + field.apply(fields.eventTime()));
    }
    Integer gold = null;
    String goldValue =
        fields.goldLabel() == null ? null : blankToNull(field.apply(fields.goldLabel()));
    if (goldValue != null) {
      Optional<Integer> classId = pipeline.classId(goldValue);
      if (classId.isEmpty()) {
        return new DecodeOutcome.Rejected(
            DeadLetterReason.INVALID_FIELD,
            "gold label '"
                + goldValue
                + "' in field '"
                + fields.goldLabel()
                + "' is not a class of pipeline '"
                + pipeline.name()
                + "'");
      }
      gold = classId.get();
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    for (String name : fields.attributes()) {
      String value = field.apply(name);
      if (value != null) {
        attributes.put(name, value);
      }
    }
    RawRecord record =
        RawRecord.newBuilder()
            .setId(id)
            .setEventTime(Instant.ofEpochMilli(eventTime))
            .setSource(pipeline.name())
            .setText(field.apply(fields.text()))
            .setAttributes(attributes)
            .setGoldLabel(gold)
            .build();
    return new DecodeOutcome.Decoded(record);
  }

  private static long parseTime(String value, long fallback) {
    String v = blankToNull(value);
    if (v == null) {
      return fallback;
    }
    if (v.chars().allMatch(Character::isDigit)) {
      return Long.parseLong(v);
    }
    try {
      return OffsetDateTime.parse(v).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
