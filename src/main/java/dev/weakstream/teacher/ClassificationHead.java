package dev.weakstream.teacher;

/**
 * Turns a sentence embedding into class probabilities. Implementations are immutable snapshots (a
 * refit makes a new head with a new {@link #version()}) and thread-safe.
 */
public interface ClassificationHead {

  /** {@code zeroshot} or {@code fewshot}. */
  String kind();

  /** Changes whenever the parameters do. */
  String version();

  int numClasses();

  /** Calibrated class probabilities of one embedding. */
  double[] probabilities(float[] embedding);
}
