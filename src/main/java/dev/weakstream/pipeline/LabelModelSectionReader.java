package dev.weakstream.pipeline;

import dev.weakstream.labelmodel.LabelModelFactory;
import dev.weakstream.labelmodel.Metric;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Reads the YAML {@code label_model:} section into a {@link LabelModelDefinition}; absent keys take
 * {@link LabelModelDefinition#defaults()}. Stateless.
 */
final class LabelModelSectionReader {

  static final List<String> KEYS =
      List.of(
          "name",
          "refit_every_records",
          "refit_interval_seconds",
          "half_life_records",
          "capacity",
          "selection_metric",
          "snapshot_every_records",
          "class_prior");

  private LabelModelSectionReader() {}

  /**
   * @param numClasses the pipeline's classes, which a class prior must match
   */
  static LabelModelDefinition read(YamlMapping section, int numClasses) {
    LabelModelDefinition d = LabelModelDefinition.defaults();
    section.rejectUnknownKeys(KEYS, Set.of());
    String name = section.optionalString("name", d.name());
    if (!LabelModelFactory.names().contains(name)) {
      throw section.error(
          "name",
          "unknown label model '" + name + "'",
          "use one of " + String.join(", ", LabelModelFactory.names()));
    }
    int refitRecords = section.optionalInt("refit_every_records", (int) d.refitEveryRecords());
    int refitSeconds =
        section.optionalInt("refit_interval_seconds", (int) d.refitInterval().toSeconds());
    int halfLife = section.optionalInt("half_life_records", (int) d.halfLifeRecords());
    int capacity = section.optionalInt("capacity", d.capacity());
    int snapshot = section.optionalInt("snapshot_every_records", (int) d.snapshotEveryRecords());
    Metric metric =
        section.optionalChoice(
            "selection_metric",
            Metric.class,
            Metric::key,
            d.selectionMetric(),
            "use accuracy or f1");
    if (refitRecords < 1 || refitSeconds < 1 || snapshot < 1 || capacity < 1 || halfLife < 0) {
      throw section.error(
          "refit_every_records",
          "refit_every_records, refit_interval_seconds, capacity and "
              + "snapshot_every_records must be positive, half_life_records >= 0",
          "fix the numbers");
    }
    List<Double> prior = null;
    if (section.has("class_prior")) {
      prior = classPrior(section, name, numClasses);
    }
    return new LabelModelDefinition(
        name,
        refitRecords,
        Duration.ofSeconds(refitSeconds),
        halfLife,
        capacity,
        metric,
        snapshot,
        prior);
  }

  private static List<Double> classPrior(YamlMapping section, String name, int numClasses) {
    List<String> values =
        section.stringList("class_prior", false, "one probability per class, e.g. [0.9, 0.1]");
    List<Double> prior;
    try {
      prior = values.stream().map(Double::valueOf).toList();
    } catch (NumberFormatException e) {
      throw section.error(
          "class_prior", "not a list of numbers: " + values, "write e.g. [0.9, 0.1]");
    }
    double sum = prior.stream().mapToDouble(Double::doubleValue).sum();
    if (prior.size() != numClasses
        || prior.stream().anyMatch(v -> v <= 0)
        || Math.abs(sum - 1) > 1e-6) {
      throw section.error(
          "class_prior",
          "needs " + numClasses + " positive probabilities summing to 1, got " + values,
          "give one probability per class, in class-id order");
    }
    if (!LabelModelFactory.namesAcceptingPrior().contains(name)) {
      throw section.error(
          "class_prior",
          "label model '" + name + "' chooses its own prior",
          "use one of "
              + String.join(", ", LabelModelFactory.namesAcceptingPrior())
              + " with class_prior, or drop class_prior (ds-select picks the prior from gold rows)");
    }
    return prior;
  }
}
