package dev.weakstream.pipeline;

import java.time.Duration;
import java.util.Locale;

/**
 * The pipeline's student: a small model trained on the training shards, published to the model
 * registry and served in the stream (YAML section {@code student:}). Absent section = no student.
 *
 * @param features {@code hashed} (word and character n-grams, the default) or {@code embedding}
 *     (teacher embeddings, when the shards carry them)
 * @param hashBits width of the hashed feature space, 2^hashBits
 * @param seed seed of the trainer (training is deterministic given it)
 * @param l2 L2 regularisation strength; 0 = select on the gold evaluation set
 * @param retrainEveryShards retrain after this many new sealed shards (0 = not by count)
 * @param retrainInterval also retrain this often when new shards arrived (null = not by time)
 * @param promotionMargin a candidate becomes active only if it beats the active student on gold by
 *     this much (score points as fractions, e.g. 0.005)
 * @param rollbackAgreement roll back to the previous version when the live agreement of the active
 *     student with the label model falls below this (0 = never)
 * @param skipTeacherConfidence skip the teacher when the student is at least this confident and
 *     agrees with the LFs: its label has strictly the most votes, or none voted (greater than 1 =
 *     never skip)
 */
public record StudentDefinition(
    Features features,
    int hashBits,
    long seed,
    double l2,
    int retrainEveryShards,
    Duration retrainInterval,
    double promotionMargin,
    double rollbackAgreement,
    double skipTeacherConfidence) {

  /** What the student sees of a record. */
  public enum Features {
    /** Hashed word and character n-grams of the text. */
    HASHED,
    /** The teacher's embedding of the text. */
    EMBEDDING;

    /** The name in pipeline files and student kinds: {@code hashed} or {@code embedding}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The defaults of every key (documented in {@code topology/README.md}, checked by a test). */
  public static StudentDefinition defaults() {
    return new StudentDefinition(
        Features.HASHED, 18, 42L, 0, 1, Duration.ofMinutes(10), 0.005, 0.0, 0.9);
  }
}
