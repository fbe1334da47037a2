package dev.weakstream.pipeline;

/**
 * Where the pipeline writes.
 *
 * @param partitions partitions for topics the application creates when they are absent
 */
public record OutputDefinition(String labeledTopic, String deadLetterTopic, int partitions) {

  public static final int DEFAULT_PARTITIONS = 2;
}
