package dev.weakstream.pipeline;

/**
 * One class of the labeling task. Ids are dense: {@code 0..numClasses-1}.
 *
 * @param description optional natural-language description (used by zero-shot teachers); may be
 *     empty
 */
public record ClassDefinition(int id, String name, String description) {}
