package dev.weakstream.labelmodel;

import dev.weakstream.core.Labeler;
import java.util.ArrayList;
import java.util.List;

/**
 * The default label model for labeling functions plus one teacher source: the {@link
 * LabelModelFactory#DEFAULT} selection ({@link HyperparameterSelection}) is fitted on the votes of
 * all sources, teacher included (its accuracy and confusion are learned from the unlabelled votes
 * like an LF's); then the teacher's weight in that model is chosen on the gold dev set among {@link
 * #WEIGHTS} ({@link SourceWeightedLabeler}): 1 is the plain model, 0 ignores the teacher, infinity
 * lets the teacher decide. The best dev score wins; ties go to the weight listed first (closest to
 * the plain model). Each weight is also tried with the dev set's class balance as a prior shift
 * ({@link #PRIOR_SHIFTS} times its log): a teacher fitted class-balanced on a few gold rows assumes
 * equal classes, and when the real balance is skewed (WRENCH sms: 13% spam) the shift is what makes
 * its votes Bayes-consistent. Without a dev set the plain model (weight 1, no shift) is used.
 *
 * <p>Why: a teacher votes on every record, so learned confusion matrices see it agree with itself
 * nowhere and agree with correlated LFs often; when LFs are less accurate on new data than where
 * the model was fitted (WRENCH sms: 253 of 263 spam votes right on train, 1 of 26 on valid), only
 * gold can tell how much to trust the teacher over them. The grid contains both inputs, so on the
 * dev set the result is at least as good as the better of "LFs with the teacher as one source" and
 * "teacher alone". Stateless and thread-safe.
 */
public final class TeacherWeightedSelection {

  /** Candidate teacher weights, in tie-break order (closest to the plain model first). */
  public static final double[] WEIGHTS = {1, 2, 0.5, 4, 0.25, 8, 16, Double.POSITIVE_INFINITY, 0};

  /** Candidate multipliers of the log dev class balance, in tie-break order. */
  public static final double[] PRIOR_SHIFTS = {0, 0.5, 1};

  private final HyperparameterSelection base;

  public TeacherWeightedSelection() {
    this(new HyperparameterSelection(LabelModelFactory.DEFAULT, DawidSkeneConfig.DEFAULT));
  }

  public TeacherWeightedSelection(HyperparameterSelection base) {
    this.base = base;
  }

  /** A candidate weight and its dev score. */
  public record Candidate(double weight, double priorShift, double devScore) {}

  /** The chosen labeler, the inner configuration, the chosen weight and every candidate's score. */
  public record Outcome(
      Labeler labeler,
      DawidSkeneConfig config,
      double weight,
      double priorShift,
      List<Candidate> candidates) {}

  /**
   * Fits on {@code stats} (all sources, teacher at index {@code teacherSource}) and selects the
   * teacher weight on {@code dev} (rows with the teacher's votes), if given.
   */
  public Outcome fit(VoteStatistics stats, DevSet dev, int teacherSource) {
    if (teacherSource < 0 || teacherSource >= stats.numSources()) {
      throw new IllegalArgumentException("teacher source " + teacherSource + " out of range");
    }
    HyperparameterSelection.Selected selected = base.fitSelected(stats, dev);
    DawidSkeneModel joint = selected.model();
    if (dev == null) {
      return new Outcome(joint, selected.config(), 1, 0, List.of());
    }
    List<Candidate> candidates = new ArrayList<>();
    Labeler best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    double bestWeight = 1;
    double bestShift = 0;
    double[] balance = dev.classBalance(stats.numClasses());
    for (double b : PRIOR_SHIFTS) {
      double[] shift = null;
      if (b > 0) {
        shift = new double[balance.length];
        for (int c = 0; c < shift.length; c++) {
          shift[c] = b * Math.log(balance[c]);
        }
      }
      for (double w : WEIGHTS) {
        Labeler candidate = new SourceWeightedLabeler(joint, teacherSource, w, shift);
        double score = dev.score(candidate);
        candidates.add(new Candidate(w, b, score));
        if (score > bestScore) {
          bestScore = score;
          best = candidate;
          bestWeight = w;
          bestShift = b;
        }
      }
    }
    return new Outcome(best, selected.config(), bestWeight, bestShift, List.copyOf(candidates));
  }
}
