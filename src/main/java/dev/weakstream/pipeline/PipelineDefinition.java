package dev.weakstream.pipeline;

import dev.weakstream.core.LabelingFunctionSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A loaded and validated pipeline: what to read, which classes exist, which labeling functions vote,
 * and where labels and dead letters go. Immutable.
 *
 * @param source the YAML file it was loaded from
 */
public record PipelineDefinition(
    Path source,
    String name,
    List<ClassDefinition> classes,
    InputDefinition input,
    OutputDefinition output,
    LabelingFunctionSet labelingFunctions) {

  public PipelineDefinition {
    classes = List.copyOf(classes);
  }

  public int numClasses() {
    return classes.size();
  }

  /** The class id for a class name (case-insensitive) or a decimal id, if it names a class. */
  public Optional<Integer> classId(String nameOrId) {
    String s = nameOrId.trim();
    for (ClassDefinition c : classes) {
      if (c.name().equalsIgnoreCase(s) || String.valueOf(c.id()).equals(s)) {
        return Optional.of(c.id());
      }
    }
    return Optional.empty();
  }

  public String className(int id) {
    return classes.get(id).name();
  }
}
