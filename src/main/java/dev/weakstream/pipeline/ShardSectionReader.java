package dev.weakstream.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Reads the YAML {@code shards:} section into a {@link ShardPolicy}; absent keys take {@link
 * ShardPolicy#defaults()}. Stateless.
 */
final class ShardSectionReader {

  static final List<String> KEYS =
      List.of(
          "min_confidence",
          "drop_uncovered",
          "per_class_cap",
          "seal_records",
          "seal_age_seconds",
          "retain_shards",
          "retain_age_seconds");

  private ShardSectionReader() {}

  static ShardPolicy read(YamlMapping section) {
    ShardPolicy d = ShardPolicy.defaults();
    section.rejectUnknownKeys(KEYS, Set.of());
    double minConfidence = d.minConfidence();
    if (section.has("min_confidence")) {
      String value = section.optionalString("min_confidence", null);
      try {
        minConfidence = Double.parseDouble(value == null ? "" : value.trim());
      } catch (NumberFormatException e) {
        throw section.error(
            "min_confidence", "must be a number, found '" + value + "'", "write e.g. 0.8");
      }
      if (!(minConfidence >= 0 && minConfidence <= 1)) {
        throw section.error(
            "min_confidence",
            "must be in [0, 1], was " + value,
            "write a probability, e.g. 0.8 (0 admits every record)");
      }
    }
    boolean dropUncovered = section.optionalBoolean("drop_uncovered", d.dropUncovered());
    int perClassCap = section.optionalInt("per_class_cap", d.perClassCap());
    int sealRecords = section.optionalInt("seal_records", d.sealRecords());
    int sealAgeSeconds = section.optionalInt("seal_age_seconds", (int) d.sealAge().toSeconds());
    int retainShards = section.optionalInt("retain_shards", d.retainShards());
    int retainAgeSeconds =
        section.optionalInt(
            "retain_age_seconds", d.retainAge() == null ? 0 : (int) d.retainAge().toSeconds());
    if (perClassCap < 0) {
      throw section.error("per_class_cap", "must be >= 0, was " + perClassCap, "use 0 for no cap");
    }
    if (sealRecords < 1) {
      throw section.error("seal_records", "must be >= 1, was " + sealRecords, "write e.g. 10000");
    }
    if (sealAgeSeconds < 1) {
      throw section.error(
          "seal_age_seconds", "must be >= 1, was " + sealAgeSeconds, "write e.g. 300");
    }
    if (retainShards < 0) {
      throw section.error(
          "retain_shards", "must be >= 0, was " + retainShards, "use 0 to keep every shard");
    }
    if (retainAgeSeconds < 0) {
      throw section.error(
          "retain_age_seconds",
          "must be >= 0, was " + retainAgeSeconds,
          "use 0 (or leave it out) to keep shards regardless of age");
    }
    if (perClassCap > sealRecords) {
      throw section.error(
          "per_class_cap",
          "per_class_cap "
              + perClassCap
              + " exceeds seal_records "
              + sealRecords
              + ", so it never applies",
          "lower per_class_cap or use 0 for no cap");
    }
    return new ShardPolicy(
        minConfidence,
        dropUncovered,
        perClassCap,
        sealRecords,
        Duration.ofSeconds(sealAgeSeconds),
        retainShards,
        retainAgeSeconds == 0 ? null : Duration.ofSeconds(retainAgeSeconds));
  }
}
