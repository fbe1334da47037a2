package dev.weakstream.core;

/**
 * A labeling function: a named, pure function that votes a class id for a record, or abstains.
 *
 * <p>This is the public extension point for {@code kind: java} labeling functions: implement it in
 * a public class with a public constructor {@code (String name, int label, Map<String, Object>
 * options)} — the definition's {@code name}, the class id of its {@code label} (or {@link #ABSTAIN}
 * when it gives none) and its {@code options} mapping — and reference the class by its fully
 * qualified name. {@link #name()} must return the given name; reject bad options with an {@link
 * IllegalArgumentException}. Example: {@code
 * dev.weakstream.core.lf.examples.ExcessiveCapsFunction}.
 *
 * <p>Implementations must be thread-safe: one instance is shared by all stream threads. A function
 * that throws is counted as a fault for its name and treated as an abstain; it never fails the
 * stream.
 */
public interface LabelingFunction {

  /** The vote meaning "no opinion": not evidence for any class. */
  int ABSTAIN = -1;

  /** Unique name of this function within its pipeline; used in votes, metrics and analysis. */
  String name();

  /** Returns a class id in {@code [0, numClasses)}, or {@link #ABSTAIN}. */
  int apply(TextRecord record);
}
