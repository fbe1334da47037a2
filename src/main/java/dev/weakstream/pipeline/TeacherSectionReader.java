package dev.weakstream.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Reads one entry of the YAML {@code teachers:} list into a {@link TeacherDefinition}; absent keys
 * take {@link TeacherDefinition#defaults}. A {@code seed_file} is resolved next to the YAML file
 * and must exist. Stateless.
 */
final class TeacherSectionReader {

  static final List<String> KEYS =
      List.of(
          "name",
          "mode",
          "query",
          "confidence_below",
          "batch_size",
          "max_wait_ms",
          "max_calls_per_second",
          "cache_size",
          "min_gold",
          "seed_file");

  private TeacherSectionReader() {}

  static TeacherDefinition read(YamlMapping t) {
    t.rejectUnknownKeys(KEYS, Set.of());
    String name =
        t.requiredString("name", "name a teacher manifest in models/, e.g. 'name: minilm'");
    TeacherReference.Mode parsedMode =
        t.optionalChoice(
            "mode",
            TeacherReference.Mode.class,
            TeacherReference.Mode::key,
            TeacherDefinition.DEFAULT_MODE,
            "use zeroshot or fewshot");
    TeacherDefinition.Query parsedQuery =
        t.optionalChoice(
            "query",
            TeacherDefinition.Query.class,
            TeacherDefinition.Query::key,
            TeacherDefinition.DEFAULT_QUERY,
            "use uncovered, low_confidence or always");
    TeacherDefinition d = TeacherDefinition.defaults(name, parsedMode);
    Integer confidencePercent =
        t.has("confidence_below") ? t.optionalInt("confidence_below", 0) : null;
    int batch = t.optionalInt("batch_size", d.batchSize());
    int maxWait = t.optionalInt("max_wait_ms", (int) d.maxWait().toMillis());
    int rate = t.optionalInt("max_calls_per_second", (int) d.maxCallsPerSecond());
    int cache = t.optionalInt("cache_size", d.cacheSize());
    int minGold = t.optionalInt("min_gold", d.minGold());
    if (batch < 1 || maxWait < 1 || rate < 0 || cache < 0 || minGold < 2) {
      throw t.error(
          "batch_size",
          "batch_size and max_wait_ms must be positive, max_calls_per_second and "
              + "cache_size >= 0, min_gold >= 2",
          "fix the numbers");
    }
    if (confidencePercent != null && (confidencePercent < 1 || confidencePercent > 100)) {
      throw t.error(
          "confidence_below",
          "must be a percentage in [1, 100], was " + confidencePercent,
          "write e.g. 'confidence_below: 80'");
    }
    String seed = t.optionalString("seed_file", null);
    Path seedFile = null;
    if (seed != null) {
      Path base = t.file().toAbsolutePath().getParent();
      seedFile = base == null ? Path.of(seed) : base.resolve(seed);
      if (!Files.isRegularFile(seedFile)) {
        throw t.error(
            "seed_file",
            "file not found: " + seedFile,
            "give a CSV, TSV or JSONL file of gold-labeled records, relative to this YAML file");
      }
      if (parsedMode != TeacherReference.Mode.FEWSHOT) {
        throw t.error(
            "seed_file",
            "a seed file only feeds a few-shot head",
            "set mode: fewshot or drop seed_file");
      }
    }
    return new TeacherDefinition(
        name,
        parsedMode,
        parsedQuery,
        confidencePercent == null ? d.confidenceBelow() : confidencePercent / 100.0,
        batch,
        Duration.ofMillis(maxWait),
        rate,
        cache,
        minGold,
        seedFile);
  }
}
