package dev.weakstream.core;

/**
 * The contract every vote combiner shares — majority vote (the baseline) and the learned label
 * models — so any of them can label the stream and the baseline is always there for comparison.
 *
 * <p>Implementations are immutable snapshots: a refitted model is a new {@code Labeler} with a new
 * {@link #version()}. They must be thread-safe.
 */
public interface Labeler {

  /** Short name, e.g. {@code mv} or {@code ds}. */
  String name();

  /** Version of the parameters; changes whenever they do. */
  String version();

  int numClasses();

  /**
   * Class probabilities for one row of votes. Uncovered rows get the prior and {@code
   * covered=false}.
   */
  Prediction predict(VoteRow row);
}
