package dev.weakstream.pipeline;

import java.util.List;

/**
 * Which JSON field (or CSV/TSV column) holds each part of a raw record.
 *
 * @param id field holding the record id; if absent in a message, the Kafka key is used
 * @param text field holding the text to label
 * @param goldLabel field holding the gold class (name or id), or null if the input has none
 * @param eventTime field holding the event time (epoch millis or ISO-8601), or null to use the
 *     Kafka timestamp
 * @param attributes fields copied into the record's attributes, by the same name
 */
public record FieldMapping(
    String id, String text, String goldLabel, String eventTime, List<String> attributes) {

  public FieldMapping {
    attributes = attributes == null ? List.of() : List.copyOf(attributes);
  }

  public static FieldMapping defaults() {
    return new FieldMapping("id", "text", "gold_label", "event_time", List.of());
  }
}
