package dev.weakstream.labelmodel;

import dev.weakstream.core.Labeler;
import dev.weakstream.core.LabelingFunction;
import dev.weakstream.core.Prediction;
import dev.weakstream.core.TieBreak;
import dev.weakstream.core.VoteRow;
import java.util.Arrays;
import java.util.Locale;

/**
 * A label model in which one source's evidence is re-weighted: the class log-scores are {@code log
 * P(y | other sources) + weight * [log P(y | all sources) - log P(y | other sources)]}, i.e. the
 * designated source's learned log-likelihood contribution scaled by {@code weight}. Weight 1 is the
 * underlying model, 0 ignores the source, and {@link Double#POSITIVE_INFINITY} lets the source's
 * own soft (or hard) vote decide, the others breaking its exact ties only. An optional per-class
 * log shift is added last: {@code b * log(prior)} moves decisions toward a known class balance
 * (e.g. a dev set's), which a teacher fitted class-balanced on few rows does not know.
 *
 * <p>Why: a model-based source (a teacher) votes on every record and its errors are correlated with
 * nothing the label model sees, so its learned accuracy can be right and its weight still wrong
 * relative to correlated labeling functions; {@link TeacherWeightedSelection} picks the weight on a
 * gold dev set. Immutable and thread-safe if the inner labeler is.
 */
public final class SourceWeightedLabeler implements Labeler {

  private final Labeler inner;
  private final int source;
  private final double weight;
  private final String name;
  private final double[] shift;

  public SourceWeightedLabeler(Labeler inner, int source, double weight) {
    this(inner, source, weight, null);
  }

  /**
   * @param shift per-class log-score shift added last, or null
   */
  public SourceWeightedLabeler(Labeler inner, int source, double weight, double[] shift) {
    if (!(weight >= 0)) {
      throw new IllegalArgumentException("weight must be >= 0, was " + weight);
    }
    this.inner = inner;
    this.source = source;
    this.weight = weight;
    if (shift != null && shift.length != inner.numClasses()) {
      throw new IllegalArgumentException(
          "shift has " + shift.length + " classes, model has " + inner.numClasses());
    }
    this.shift = shift == null ? null : shift.clone();
    this.name = inner.name() + "+w" + source + "=" + String.format(Locale.ROOT, "%g", weight);
  }

  public double weight() {
    return weight;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String version() {
    return inner.version()
        + "/w"
        + source
        + "="
        + weight
        + (shift == null ? "" : "/shift" + Arrays.toString(shift));
  }

  @Override
  public int numClasses() {
    return inner.numClasses();
  }

  @Override
  public Prediction predict(VoteRow row) {
    Prediction with = inner.predict(row);
    if (weight == 1.0 && shift == null) {
      return with;
    }
    int k = numClasses();
    double[] s = new double[k];
    if (weight == 1.0) {
      for (int y = 0; y < k; y++) {
        s[y] = log(with.probabilities()[y]) + shift[y];
      }
      return normalise(s, row.tieKey(), with.covered());
    }
    Prediction without = inner.predict(withoutSource(row, source));
    double[] own = Double.isInfinite(weight) ? ownVote(row, k) : null;
    if (Double.isInfinite(weight) && own == null) {
      for (int y = 0; y < k; y++) {
        s[y] = log(without.probabilities()[y]) + (shift == null ? 0 : shift[y]);
      }
      return normalise(s, row.tieKey(), without.covered());
    }
    if (Double.isInfinite(weight)) {
      for (int y = 0; y < k; y++) {
        s[y] = log(own[y]) + 1e-6 * log(without.probabilities()[y]);
      }
    } else {
      for (int y = 0; y < k; y++) {
        double lw = log(without.probabilities()[y]);
        s[y] = lw + weight * (log(with.probabilities()[y]) - lw);
      }
    }
    if (shift != null) {
      for (int y = 0; y < k; y++) {
        s[y] += shift[y];
      }
    }
    return normalise(s, row.tieKey(), with.covered());
  }

  private static double log(double p) {
    return Math.log(Math.max(p, 1e-300));
  }

  private double[] ownVote(VoteRow row, int k) {
    double[] soft = row.softVote(source);
    if (soft != null) {
      return soft;
    }
    int v = row.votes()[source];
    if (v == LabelingFunction.ABSTAIN) {
      return null;
    }
    double[] p = new double[k];
    p[v] = 1;
    return p;
  }

  static Prediction normalise(double[] s, String tieKey, boolean covered) {
    LogSpace.normalizeInPlace(s);
    int label = TieBreak.argmax(s, tieKey);
    return new Prediction(s, label, s[label], covered);
  }

  /** The row with source {@code j} abstaining. */
  static VoteRow withoutSource(VoteRow row, int j) {
    int[] votes = row.votes().clone();
    votes[j] = LabelingFunction.ABSTAIN;
    double[][] soft = null;
    if (row.soft() != null) {
      soft = row.soft().clone();
      soft[j] = null;
    }
    return new VoteRow(votes, soft, row.tieKey());
  }
}
