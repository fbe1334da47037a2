package dev.weakstream.metrics;

import dev.weakstream.avro.DeadLetterReason;
import dev.weakstream.core.LabelingFunction;
import dev.weakstream.core.LabelingFunctionSet;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Weakstream's own meters for one pipeline: records in, labeled and dead-lettered (by reason); per-LF
 * votes by class, abstains and faults; coverage; end-to-end latency (event time to labeled) as a
 * histogram.
 *
 * <p>All meters are created up front, so the hot path does no registry lookups. Tags have bounded
 * cardinality: pipeline, LF name, class name, reason. Thread-safe. Does not own the registry.
 */
public final class PipelineMetrics {

  private final Counter recordsIn;
  private final Counter recordsLabeled;
  private final Counter recordsCovered;
  private final Map<DeadLetterReason, Counter> deadLettered = new EnumMap<>(DeadLetterReason.class);
  private final Counter[][] lfVotes;
  private final Counter[] lfAbstains;
  private final Counter[] lfFaults;
  private final Timer endToEndLatency;

  public PipelineMetrics(
      MeterRegistry registry, String pipeline, LabelingFunctionSet lfs, List<String> classNames) {
    recordsIn = counter(registry, "weakstream.records.in", "Raw messages read", pipeline);
    recordsLabeled = counter(registry, "weakstream.records.labeled", "Records labeled", pipeline);
    recordsCovered =
        counter(registry, "weakstream.records.covered", "Labeled records at least one LF voted on", pipeline);
    for (DeadLetterReason reason : DeadLetterReason.values()) {
      deadLettered.put(
          reason,
          Counter.builder("weakstream.records.dead.lettered")
              .description("Records sent to the dead-letter topic")
              .tag("pipeline", pipeline)
              .tag("reason", reason.name())
              .register(registry));
    }
    int m = lfs.size();
    lfVotes = new Counter[m][classNames.size()];
    lfAbstains = new Counter[m];
    lfFaults = new Counter[m];
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
    }
    Gauge.builder("weakstream.coverage", this, PipelineMetrics::coverage)
        .description("Share of labeled records that at least one LF voted on")
        .tag("pipeline", pipeline)
        .register(registry);
    endToEndLatency =
        Timer.builder("weakstream.latency.end.to.end")
            .description("Time from a record's event time to its label being computed")
            .tag("pipeline", pipeline)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofHours(1))
            .register(registry);
  }

  private static Counter counter(MeterRegistry registry, String name, String description, String pipeline) {
    return Counter.builder(name).description(description).tag("pipeline", pipeline).register(registry);
  }

  public void recordIn() {
    recordsIn.increment();
  }

  public void deadLettered(DeadLetterReason reason) {
    deadLettered.get(reason).increment();
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
