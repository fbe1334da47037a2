package dev.weakstream.pipeline;

import java.util.Locale;

/** How values on the raw topic are encoded. */
public enum InputFormat {
  /** Avro single-object encoding of {@code RawRecord} (schema fingerprint in each message). */
  AVRO,
  /** A plain JSON object per message, mapped to a {@code RawRecord} by {@link FieldMapping}. */
  JSON;

  /** The format's name in pipeline files: {@code avro} or {@code json}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
