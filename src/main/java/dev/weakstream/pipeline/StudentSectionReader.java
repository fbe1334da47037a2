package dev.weakstream.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Reads the YAML {@code student:} section into a {@link StudentDefinition}; absent keys take {@link
 * StudentDefinition#defaults()}. Stateless.
 */
final class StudentSectionReader {

  static final List<String> KEYS =
      List.of(
          "features",
          "hash_bits",
          "seed",
          "l2",
          "retrain_every_shards",
          "retrain_interval_seconds",
          "promotion_margin",
          "rollback_agreement",
          "skip_teacher_confidence");

  private StudentSectionReader() {}

  static StudentDefinition read(YamlMapping section) {
    section.rejectUnknownKeys(KEYS, Set.of());
    StudentDefinition d = StudentDefinition.defaults();
    StudentDefinition.Features features =
        section.optionalChoice(
            "features",
            StudentDefinition.Features.class,
            StudentDefinition.Features::key,
            d.features(),
            "use hashed or embedding");
    if (features == StudentDefinition.Features.EMBEDDING) {
      // The stream writes no teacher embeddings into labeled records yet, and serving such a
      // student would
      // need the teacher's encoder on every record: refuse rather than train on nothing.
      throw section.error(
          "features",
          "embedding students are not trained from the stream yet (labeled records "
              + "carry no teacher embeddings)",
          "use features: hashed; compare both kinds offline with "
              + "'eval wrench --teacher minilm --student embedding'");
    }
    int hashBits = section.optionalInt("hash_bits", d.hashBits());
    if (hashBits < 4 || hashBits > 24) {
      throw section.error(
          "hash_bits", "must be in [4, 24], was " + hashBits, "use e.g. 18 (2^18 hashed features)");
    }
    long seed = longValue(section, "seed", d.seed());
    double l2 = doubleValue(section, "l2", d.l2());
    int everyShards = section.optionalInt("retrain_every_shards", d.retrainEveryShards());
    int intervalSeconds =
        section.optionalInt(
            "retrain_interval_seconds",
            d.retrainInterval() == null ? 0 : (int) d.retrainInterval().toSeconds());
    double margin = doubleValue(section, "promotion_margin", d.promotionMargin());
    double rollback = doubleValue(section, "rollback_agreement", d.rollbackAgreement());
    double skip = doubleValue(section, "skip_teacher_confidence", d.skipTeacherConfidence());
    if (l2 < 0) {
      throw section.error(
          "l2", "must be >= 0, was " + l2, "use 0 to select it on gold, or e.g. 0.0001");
    }
    if (everyShards < 0 || intervalSeconds < 0) {
      throw section.error(
          everyShards < 0 ? "retrain_every_shards" : "retrain_interval_seconds",
          "must be >= 0",
          "use 0 to turn this trigger off");
    }
    if (everyShards == 0 && intervalSeconds == 0) {
      throw section.error(
          "retrain_every_shards",
          "retrain_every_shards and retrain_interval_seconds are both 0, "
              + "so the student would never be retrained",
          "set at least one of them");
    }
    if (margin < 0 || margin >= 1) {
      throw section.error(
          "promotion_margin", "must be in [0, 1), was " + margin, "write e.g. 0.005");
    }
    if (rollback < 0 || rollback > 1) {
      throw section.error(
          "rollback_agreement",
          "must be in [0, 1], was " + rollback,
          "write e.g. 0.8, or 0 to never roll back");
    }
    if (skip <= 0) {
      throw section.error(
          "skip_teacher_confidence",
          "must be positive, was " + skip,
          "write e.g. 0.9, or 1.1 to never skip the teacher");
    }
    return new StudentDefinition(
        features,
        hashBits,
        seed,
        l2,
        everyShards,
        intervalSeconds == 0 ? null : Duration.ofSeconds(intervalSeconds),
        margin,
        rollback,
        skip);
  }

  private static double doubleValue(YamlMapping section, String key, double fallback) {
    String s = section.optionalString(key, null);
    if (s == null) {
      return fallback;
    }
    try {
      double value = Double.parseDouble(s.trim().replace("_", ""));
      if (Double.isNaN(value) || Double.isInfinite(value)) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw section.error(key, "must be a number, found '" + s + "'", "write a number such as 0.9");
    }
  }

  private static long longValue(YamlMapping section, String key, long fallback) {
    String s = section.optionalString(key, null);
    if (s == null) {
      return fallback;
    }
    try {
      return Long.parseLong(s.trim().replace("_", ""));
    } catch (NumberFormatException e) {
      throw section.error(
          key, "must be a whole number, found '" + s + "'", "write a number such as 42");
    }
  }
}
