package dev.weakstream.codec;

/**
 * What a JSON text field was before it became the record's text: a string as sent, or — only where
 * the pipeline sets {@code input.coerce_scalars: true} — a number or boolean turned into its JSON
 * text ({@code 42}, {@code true}). Without that setting such a field is dead-lettered as {@code
 * TEXT_NOT_A_STRING}.
 */
public enum ScalarCoercion {
  /** The text was a string (or came from Avro or a file). */
  NONE,
  /** The text was a JSON number. */
  NUMBER,
  /** The text was a JSON boolean. */
  BOOLEAN
}
