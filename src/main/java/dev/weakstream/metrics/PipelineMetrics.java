package dev.weakstream.metrics;

import dev.weakstream.avro.DeadLetterReason;
import dev.weakstream.codec.ScalarCoercion;
import dev.weakstream.core.Labeler;
import dev.weakstream.core.LabelingFunction;
import dev.weakstream.core.LabelingFunctionSet;
import dev.weakstream.core.LfAnalysis;
import dev.weakstream.labelmodel.DawidSkeneModel;
import dev.weakstream.pipeline.ClassDefinition;
import dev.weakstream.pipeline.PipelineDefinition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Weakstream's own meters for one pipeline: records in, labeled, dead-lettered (by reason) and with
 * text coerced from a JSON scalar (by type); per-LF votes by class, abstains, faults and timeouts;
 * coverage; end-to-end latency (event time to labeled) as a histogram.
 *
 * <p>All meters are created up front, so the hot path does no registry lookups. Tags have bounded
 * cardinality: pipeline, LF name, class name, reason. Thread-safe. Does not own the registry.
 */
public final class PipelineMetrics {

  private final Counter recordsIn;
  private final Counter recordsLabeled;
  private final Counter recordsCovered;
  private final Map<DeadLetterReason, Counter> deadLettered = new EnumMap<>(DeadLetterReason.class);
  private final Map<ScalarCoercion, Counter> coerced = new EnumMap<>(ScalarCoercion.class);
  private final Counter[][] lfVotes;
  private final Counter[] lfAbstains;
  private final Counter[] lfFaults;
  private final Counter[] lfTimeouts;
  private final Timer endToEndLatency;
  private final Timer labelModelFits;
  private final LfAnalysis analysis;

  public PipelineMetrics(
      MeterRegistry registry, String pipeline, LabelingFunctionSet lfs, List<String> classNames) {
    recordsIn = counter(registry, "weakstream.records.in", "Raw messages read", pipeline);
    recordsLabeled = counter(registry, "weakstream.records.labeled", "Records labeled", pipeline);
    recordsCovered =
        counter(
            registry,
            "weakstream.records.covered",
            "Labeled records at least one LF voted on",
            pipeline);
    for (DeadLetterReason reason : DeadLetterReason.values()) {
      deadLettered.put(
          reason,
          Counter.builder("weakstream.records.dead.lettered")
              .description("Records sent to the dead-letter topic")
              .tag("pipeline", pipeline)
              .tag("reason", reason.name())
              .register(registry));
    }
    for (ScalarCoercion from : ScalarCoercion.values()) {
      if (from != ScalarCoercion.NONE) {
        coerced.put(
            from,
            Counter.builder("weakstream.records.coerced")
                .description(
                    "Records whose JSON text field was a number or boolean, labeled as its JSON text"
                        + " (input.coerce_scalars)")
                .tag("pipeline", pipeline)
                .tag("from", from.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry));
      }
    }
    int m = lfs.size();
    lfVotes = new Counter[m][classNames.size()];
    lfAbstains = new Counter[m];
    lfFaults = new Counter[m];
    lfTimeouts = new Counter[m];
    for (int j = 0; j < m; j++) {
      String lf = lfs.names().get(j);
      for (int k = 0; k < classNames.size(); k++) {
        lfVotes[j][k] =
            Counter.builder("weakstream.lf.votes")
                .description("Votes cast by a labeling function, by class")
                .tag("pipeline", pipeline)
                .tag("lf", lf)
                .tag("class", classNames.get(k))
                .register(registry);
      }
      lfAbstains[j] =
          Counter.builder("weakstream.lf.abstains")
              .description("Records a labeling function abstained on")
              .tag("pipeline", pipeline)
              .tag("lf", lf)
              .register(registry);
      lfFaults[j] =
          Counter.builder("weakstream.lf.faults")
              .description("Exceptions thrown by a labeling function (each counted as an abstain)")
              .tag("pipeline", pipeline)
              .tag("lf", lf)
              .register(registry);
      lfTimeouts[j] =
          Counter.builder("weakstream.lf.timeouts")
              .description(
                  "Records on which a labeling function ran past its time budget (each counted as"
                      + " an abstain)")
              .tag("pipeline", pipeline)
              .tag("lf", lf)
              .register(registry);
    }
    Gauge.builder("weakstream.coverage", this, PipelineMetrics::coverage)
        .description("Share of labeled records that at least one LF voted on")
        .tag("pipeline", pipeline)
        .register(registry);
    labelModelFits =
        Timer.builder("weakstream.label.model.fit")
            .description("Label-model refits and the time each took")
            .tag("pipeline", pipeline)
            .register(registry);
    analysis = new LfAnalysis(lfs.names(), classNames.size());
    for (int j = 0; j < m; j++) {
      final int lf = j;
      String lfName = lfs.names().get(j);
      lfGauge(
          registry,
          "weakstream.lf.coverage",
          "Share of records the LF voted on",
          pipeline,
          lfName,
          () -> analysisSummary(lf).coverage());
      lfGauge(
          registry,
          "weakstream.lf.overlap",
          "Share of records the LF and another source voted on",
          pipeline,
          lfName,
          () -> analysisSummary(lf).overlap());
      lfGauge(
          registry,
          "weakstream.lf.conflict",
          "Share of records where another source voted otherwise",
          pipeline,
          lfName,
          () -> analysisSummary(lf).conflict());
      lfGauge(
          registry,
          "weakstream.lf.empirical.accuracy",
          "Accuracy of the LF on gold-labeled records",
          pipeline,
          lfName,
          () -> analysisSummary(lf).accuracy());
    }
    endToEndLatency =
        Timer.builder("weakstream.latency.end.to.end")
            .description("Time from a record's event time to its label being computed")
            .tag("pipeline", pipeline)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofHours(1))
            .register(registry);
  }

  /** The meters of a pipeline's labeling functions and classes. */
  public static PipelineMetrics of(MeterRegistry registry, PipelineDefinition pipeline) {
    return new PipelineMetrics(
        registry,
        pipeline.name(),
        pipeline.labelingFunctions(),
        pipeline.classes().stream().map(ClassDefinition::name).toList());
  }

  private static void lfGauge(
      MeterRegistry registry,
      String name,
      String description,
      String pipeline,
      String lf,
      DoubleSupplier value) {
    Gauge.builder(name, value::getAsDouble)
        .description(description)
        .tag("pipeline", pipeline)
        .tag("lf", lf)
        .register(registry);
  }

  private LfAnalysis.LfSummary analysisSummary(int lf) {
    synchronized (analysis) {
      return analysis.summaries().get(lf);
    }
  }

  /**
   * Exposes each source's learned accuracy in the current label model as {@code
   * weakstream.lf.learned.accuracy} (NaN while the labeler learns none, e.g. majority vote).
   */
  public void bindLabelModel(
      MeterRegistry registry,
      String pipeline,
      List<String> sources,
      Supplier<? extends Labeler> current) {
    for (int j = 0; j < sources.size(); j++) {
      final int source = j;
      lfGauge(
          registry,
          "weakstream.lf.learned.accuracy",
          "Accuracy of the source learned by the label model",
          pipeline,
          sources.get(j),
          () ->
              current.get() instanceof DawidSkeneModel model
                      && source < model.learnedAccuracy().length
                  ? model.learnedAccuracy()[source]
                  : Double.NaN);
    }
  }

  /** Counts one label-model refit. */
  public void labelModelFitted(long millis) {
    labelModelFits.record(millis, TimeUnit.MILLISECONDS);
  }

  /** Adds a record's votes (LFs first) and gold label, if any, to the streaming LF analysis. */
  public void analyse(int[] votes, Integer gold) {
    int m = lfVotes.length;
    int[] own = votes.length == m ? votes : Arrays.copyOf(votes, m);
    synchronized (analysis) {
      analysis.add(own, gold);
    }
  }

  private static Counter counter(
      MeterRegistry registry, String name, String description, String pipeline) {
    return Counter.builder(name)
        .description(description)
        .tag("pipeline", pipeline)
        .register(registry);
  }

  public void recordIn() {
    recordsIn.increment();
  }

  public void deadLettered(DeadLetterReason reason) {
    deadLettered.get(reason).increment();
  }

  /** Counts one record whose text was coerced from a JSON scalar (NONE counts nothing). */
  public void coerced(ScalarCoercion from) {
    Counter counter = coerced.get(from);
    if (counter != null) {
      counter.increment();
    }
  }

  /** Counts the votes of the pipeline's own LFs (the first {@code lfVotes.length} entries). */
  public void votes(int[] votes) {
    for (int j = 0; j < lfVotes.length; j++) {
      int v = votes[j];
      if (v == LabelingFunction.ABSTAIN) {
        lfAbstains[j].increment();
      } else {
        lfVotes[j][v].increment();
      }
    }
  }

  public void lfFault(int lfIndex) {
    lfFaults[lfIndex].increment();
  }

  public void lfTimeout(int lfIndex) {
    lfTimeouts[lfIndex].increment();
  }

  public void labeled(boolean covered, long eventTimeMillis, long nowMillis) {
    recordsLabeled.increment();
    if (covered) {
      recordsCovered.increment();
    }
    endToEndLatency.record(Math.max(0, nowMillis - eventTimeMillis), TimeUnit.MILLISECONDS);
  }

  /** Share of labeled records covered by at least one LF, in [0, 1]. */
  public double coverage() {
    double labeled = recordsLabeled.count();
    return labeled == 0 ? 0 : recordsCovered.count() / labeled;
  }

  public double recordsLabeled() {
    return recordsLabeled.count();
  }

  public double deadLetteredCount(DeadLetterReason reason) {
    return deadLettered.get(reason).count();
  }
}
