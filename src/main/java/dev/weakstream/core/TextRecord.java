package dev.weakstream.core;

import java.util.Map;
import java.util.Objects;

/**
 * The view of a record that labeling functions see: its id, its text and its string attributes.
 *
 * <p>Immutable and thread-safe.
 */
public record TextRecord(String id, String text, Map<String, String> attributes) {

  public TextRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  public static TextRecord of(String id, String text) {
    return new TextRecord(id, text, Map.of());
  }
}
