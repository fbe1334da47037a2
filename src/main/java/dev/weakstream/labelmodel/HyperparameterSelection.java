package dev.weakstream.labelmodel;

import dev.weakstream.core.Labeler;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses a Dawid–Skene configuration on a small gold dev set, conservatively: every candidate of a
 * small grid (confusion model × abstain weight × prior mode × smoothing, 54 fits) is fitted on the
 * unlabeled statistics and scored on the dev set, and the best replaces the {@link #REFERENCE} —
 * majority vote expressed as a Dawid–Skene model — only if it beats it by more than one binomial
 * standard error of the reference's dev score. Dev sets are small (WRENCH's youtube has 120 rows);
 * without this margin selection chases noise, and with majority vote as the reference a learned
 * model must earn its place. Without a dev set the {@code withoutDev} configuration is fitted.
 *
 * <p>The grid covers the failure modes of weak supervision: class imbalance (learned prior, or the
 * dev set's class balance as a fixed prior, as WRENCH passes it), class-dependent coverage (abstain
 * as evidence) and rarely firing sources (smoothing). Stateless and thread-safe.
 */
public final class HyperparameterSelection implements LabelModelTrainer {

  /** Candidate abstain weights. */
  static final double[] ABSTAIN_WEIGHTS = {0.0, 0.5, 1.0};

  /** Candidate smoothing pseudo-counts. */
  static final double[] SMOOTHINGS = {1.0, 10.0};

  /** Majority vote as a Dawid–Skene configuration: the reference every candidate must beat. */
  public static final DawidSkeneConfig REFERENCE =
      DawidSkeneConfig.DEFAULT.withConfusion(ConfusionModel.MAJORITY);

  private final String name;
  private final DawidSkeneConfig reference = REFERENCE;
  private final DawidSkeneConfig withoutDev;

  /**
   * @param withoutDev the configuration fitted when no dev set is given
   */
  public HyperparameterSelection(String name, DawidSkeneConfig withoutDev) {
    this.name = name;
    this.withoutDev = withoutDev;
  }

  @Override
  public String name() {
    return name;
  }

  /** Fits the selected configuration, or {@code withoutDev} when no dev set is given. */
  @Override
  public DawidSkeneModel fit(VoteStatistics stats, DevSet dev) {
    return fitSelected(stats, dev).model();
  }

  /** A fitted model with the configuration it was fitted with. */
  public record Selected(DawidSkeneModel model, DawidSkeneConfig config) {}

  /** As {@link #fit}, also returning the chosen configuration (for reports). */
  public Selected fitSelected(VoteStatistics stats, DevSet dev) {
    DawidSkeneConfig config = dev == null ? withoutDev : select(stats, dev).config();
    return new Selected(new DawidSkeneFitter(name, config).fit(stats), config);
  }

  /** The outcome of a selection: the chosen configuration and every candidate's dev score. */
  public record Outcome(
      DawidSkeneConfig config, double referenceScore, List<Candidate> candidates) {}

  /** One scored candidate. */
  public record Candidate(DawidSkeneConfig config, double devScore) {}

  /** Scores the grid on the dev set and applies the one-standard-error rule. */
  public Outcome select(VoteStatistics stats, DevSet dev) {
    List<Candidate> scored = new ArrayList<>();
    double referenceScore = score(stats, dev, reference);
    scored.add(new Candidate(reference, referenceScore));
    for (DawidSkeneConfig candidate : grid(dev.classBalance(stats.numClasses()))) {
      if (!candidate.equals(reference)) {
        scored.add(new Candidate(candidate, score(stats, dev, candidate)));
      }
    }
    Candidate best = scored.get(0);
    for (Candidate c : scored) {
      if (c.devScore() > best.devScore()) {
        best = c;
      }
    }
    int n = dev.rows().size();
    double standardError = Math.sqrt(Math.max(referenceScore * (1 - referenceScore), 1e-4) / n);
    DawidSkeneConfig chosen =
        best.devScore() > referenceScore + standardError ? best.config() : reference;
    return new Outcome(chosen, referenceScore, List.copyOf(scored));
  }

  private List<DawidSkeneConfig> grid(double[] devBalance) {
    List<DawidSkeneConfig> grid = new ArrayList<>();
    for (ConfusionModel confusion : ConfusionModel.values()) {
      for (double lambda : ABSTAIN_WEIGHTS) {
        for (PriorMode mode : PriorMode.values()) {
          for (double alpha : SMOOTHINGS) {
            grid.add(
                reference
                    .withConfusion(confusion)
                    .withAbstainWeight(lambda)
                    .withSmoothing(alpha)
                    .withPrior(mode, mode == PriorMode.FIXED ? devBalance : null));
          }
        }
      }
    }
    return grid;
  }

  private double score(VoteStatistics stats, DevSet dev, DawidSkeneConfig config) {
    Labeler model = new DawidSkeneFitter(name, config).fit(stats);
    return dev.score(model);
  }
}
