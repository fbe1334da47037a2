package dev.weakstream.pipeline;

/** How values on the raw topic are encoded. */
public enum InputFormat {
  /** Avro single-object encoding of {@code RawRecord} (schema fingerprint in each message). */
  AVRO,
  /** A plain JSON object per message, mapped to a {@code RawRecord} by {@link FieldMapping}. */
  JSON
}
