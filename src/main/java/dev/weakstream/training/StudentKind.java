package dev.weakstream.training;

import java.util.Locale;

/** What a student sees: hashed n-grams only, or the teacher embedding (optionally plus n-grams). */
public enum StudentKind {
  /** Word and character n-grams hashed into 2^bits slots; no dense part. */
  HASHED,
  /** The teacher's sentence embedding as the dense part, optionally plus hashed n-grams. */
  EMBEDDING;

  /**
   * The kind's name in configs, reports and {@code LinearStudent.kind}: {@code hashed} or {@code
   * embedding}.
   */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code hashed} or {@code embedding}. */
  public static StudentKind of(String key) {
    for (StudentKind k : values()) {
      if (k.key().equals(key)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "student kind must be 'hashed' or 'embedding', was '" + key + "'");
  }
}
