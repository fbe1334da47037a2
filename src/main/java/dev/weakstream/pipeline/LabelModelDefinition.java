package dev.weakstream.pipeline;

import dev.weakstream.labelmodel.Metric;
import java.time.Duration;
import java.util.List;

/**
 * How a pipeline learns its label model online: which model, how often to refit, how fast to
 * forget.
 *
 * @param name a label model of {@code dev.weakstream.labelmodel.LabelModelFactory}; {@code mv}
 *     keeps majority vote and fits nothing
 * @param refitEveryRecords refit once this many new weak records have been counted across all tasks
 * @param refitInterval also refit this often when new records arrived, whatever their number
 * @param halfLifeRecords exponential decay of the statistics, in records per task; 0 = no decay
 * @param capacity distinct vote patterns kept in the bounded statistics
 * @param selectionMetric how gold rows rank hyper-parameters ({@code accuracy} or {@code f1})
 * @param snapshotEveryRecords each task publishes its statistics after this many records
 * @param classPrior the class balance to assume (one probability per class), or null to learn it
 */
public record LabelModelDefinition(
    String name,
    long refitEveryRecords,
    Duration refitInterval,
    double halfLifeRecords,
    int capacity,
    Metric selectionMetric,
    long snapshotEveryRecords,
    List<Double> classPrior) {

  public static final String DEFAULT_NAME = "ds-select";

  public LabelModelDefinition {
    classPrior = classPrior == null ? null : List.copyOf(classPrior);
  }

  /** Without a given class prior. */
  public LabelModelDefinition(
      String name,
      long refitEveryRecords,
      Duration refitInterval,
      double halfLifeRecords,
      int capacity,
      Metric selectionMetric,
      long snapshotEveryRecords) {
    this(
        name,
        refitEveryRecords,
        refitInterval,
        halfLifeRecords,
        capacity,
        selectionMetric,
        snapshotEveryRecords,
        null);
  }

  public static LabelModelDefinition defaults() {
    return new LabelModelDefinition(
        DEFAULT_NAME, 1_000, Duration.ofSeconds(30), 0, 8_192, Metric.ACCURACY, 500);
  }

  /** The given class prior as an array, or null. */
  public double[] classPriorArray() {
    return classPrior == null
        ? null
        : classPrior.stream().mapToDouble(Double::doubleValue).toArray();
  }

  public boolean learns() {
    return !"mv".equals(name);
  }
}
