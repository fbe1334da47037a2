package dev.weakstream.pipeline;

/**
 * The raw topic and how to read it.
 *
 * @param maxTextChars texts longer than this are dead-lettered as TEXT_TOO_LONG
 * @param coerceScalars a JSON text field that is a number or boolean is labeled as its JSON text
 *     (and counted) instead of being dead-lettered as TEXT_NOT_A_STRING
 */
public record InputDefinition(
    String topic,
    InputFormat format,
    FieldMapping fields,
    int maxTextChars,
    boolean coerceScalars) {

  public static final int DEFAULT_MAX_TEXT_CHARS = 20_000;

  /** Scalar text fields are dead-lettered unless the pipeline opts in. */
  public static final boolean DEFAULT_COERCE_SCALARS = false;

  /** An input that does not coerce scalar text fields. */
  public InputDefinition(String topic, InputFormat format, FieldMapping fields, int maxTextChars) {
    this(topic, format, fields, maxTextChars, DEFAULT_COERCE_SCALARS);
  }
}
