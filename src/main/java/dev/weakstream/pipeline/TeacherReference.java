package dev.weakstream.pipeline;

import java.util.Locale;

/**
 * A pipeline's use of a teacher: the manifest name ({@code models/NAME.yaml}) and how its
 * embeddings become class probabilities. Read from the pipeline's {@code teachers:} section by
 * {@link PipelineLoader} into a {@link TeacherDefinition}. Immutable.
 */
public record TeacherReference(String name, Mode mode) {

  /** How the teacher's head is obtained. */
  public enum Mode {
    /** From the pipeline's class descriptions (no gold). */
    ZEROSHOT,
    /**
     * Fitted on gold-labelled records (a seed set, or gold seen in the stream), refit as more
     * arrive.
     */
    FEWSHOT;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
