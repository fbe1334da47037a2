package dev.weakstream.registry;

import dev.weakstream.avro.ModelRelease;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The rule a candidate must pass to become active: its gold metric must beat the active version's
 * by more than {@code margin}, or there must be no active version yet. Higher metric values are
 * better.
 *
 * <p>Immutable and thread-safe.
 *
 * @param metric the metric to compare (a key of the releases' {@code metrics}), or null to use the
 *     candidate's own {@code gate_metric}
 * @param margin how much the candidate must beat the active version by, in the metric's units (e.g.
 *     0.005 for half a point of a fraction); at least 0
 */
public record PromotionGate(String metric, double margin) {

  public PromotionGate {
    if (!(margin >= 0) || Double.isInfinite(margin)) {
      throw new IllegalArgumentException(
          "promotion margin must be a finite number >= 0, was " + margin);
    }
    if (metric != null && metric.isBlank()) {
      throw new IllegalArgumentException("promotion metric must not be blank");
    }
  }

  /** A gate on the candidate's own gate metric. */
  public static PromotionGate ofMargin(double margin) {
    return new PromotionGate(null, margin);
  }

  /** What the gate decided, and why, in one sentence. */
  public record Verdict(boolean pass, String reason) {}

  /**
   * Decides whether {@code candidate} may replace {@code active}.
   *
   * @param active the active version of the same name, or null when there is none
   */
  public Verdict evaluate(ModelRelease candidate, ModelRelease active) {
    String label = "v" + candidate.getVersion();
    String name = metric != null ? metric : candidate.getGateMetric();
    if (name == null) {
      return new Verdict(
          false,
          label
              + " names no gate metric; choose one of "
              + new TreeSet<>(candidate.getMetrics().keySet())
              + " (--metric)");
    }
    Double score = value(candidate.getMetrics(), name);
    if (score == null) {
      return new Verdict(
          false,
          label
              + " has no finite metric '"
              + name
              + "' (it has "
              + new TreeSet<>(candidate.getMetrics().keySet())
              + ")");
    }
    if (active == null) {
      return new Verdict(
          true,
          "no active version; "
              + label
              + " becomes the first ("
              + name
              + " "
              + format(score)
              + ")");
    }
    String activeLabel = "active v" + active.getVersion();
    Double activeScore = value(active.getMetrics(), name);
    if (activeScore == null) {
      return new Verdict(
          false,
          activeLabel
              + " has no metric '"
              + name
              + "' to compare with; use --force "
              + "to replace it anyway");
    }
    if (score > activeScore + margin) {
      return new Verdict(
          true,
          label
              + " "
              + name
              + " "
              + format(score)
              + " beats "
              + activeLabel
              + " "
              + format(activeScore)
              + " by more than the margin "
              + format(margin));
    }
    return new Verdict(
        false,
        label
            + " "
            + name
            + " "
            + format(score)
            + " does not beat "
            + activeLabel
            + " "
            + format(activeScore)
            + " by more than the margin "
            + format(margin));
  }

  private static Double value(Map<String, Double> metrics, String name) {
    Double v = metrics.get(name);
    return v == null || !Double.isFinite(v) ? null : v;
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
