package dev.weakstream.pipeline;

/**
 * The raw topic and how to read it.
 *
 * @param maxTextChars texts longer than this are dead-lettered as TEXT_TOO_LONG
 */
public record InputDefinition(
    String topic, InputFormat format, FieldMapping fields, int maxTextChars) {

  public static final int DEFAULT_MAX_TEXT_CHARS = 20_000;
}
