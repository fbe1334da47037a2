package dev.weakstream.labelmodel;

import dev.weakstream.core.LabelingFunction;
import dev.weakstream.core.VoteRow;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded synthetic vote streams with known source accuracies, for convergence tests and benchmarks:
 * the true class is drawn from a prior; source j fires with probability {@code coverage[j]}
 * (independently of the class) and then votes the true class with probability {@code accuracy[j]},
 * otherwise a uniformly chosen wrong class. The data the conditional-independence label models
 * assume.
 *
 * <p>Not thread-safe (one random stream per instance); same seed, same records.
 */
public final class SyntheticVotes {

  /** The generating parameters. Arrays are owned by the spec. */
  public record Spec(double[] classPrior, double[] accuracy, double[] coverage, long seed) {

    public int numClasses() {
      return classPrior.length;
    }

    public int numSources() {
      return accuracy.length;
    }

    /**
     * Random accuracies in [0.55, 0.95] and coverages in [0.05, 0.5] for {@code numSources}
     * sources, with the given class prior.
     */
    public static Spec random(int numSources, double[] classPrior, long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      double[] accuracy = new double[numSources];
      double[] coverage = new double[numSources];
      for (int j = 0; j < numSources; j++) {
        accuracy[j] = 0.55 + 0.40 * random.nextDouble();
        coverage[j] = 0.05 + 0.45 * random.nextDouble();
      }
      return new Spec(classPrior.clone(), accuracy, coverage, seed);
    }

    /** As {@link #random(int, double[], long)} with a uniform prior. */
    public static Spec random(int numSources, int numClasses, long seed) {
      double[] prior = new double[numClasses];
      Arrays.fill(prior, 1.0 / numClasses);
      return random(numSources, prior, seed);
    }
  }

  /** A generated record and its true class. */
  public record Sample(VoteRow row, int label) {}

  private final Spec spec;
  private final SplittableRandom random;
  private final double[] cumulativePrior;
  private long count;

  public SyntheticVotes(Spec spec) {
    this.spec = spec;
    this.random = new SplittableRandom(spec.seed() ^ 0x9E3779B97F4A7C15L);
    this.cumulativePrior = new double[spec.numClasses()];
    double sum = 0;
    for (int c = 0; c < cumulativePrior.length; c++) {
      sum += spec.classPrior()[c];
      cumulativePrior[c] = sum;
    }
  }

  public Spec spec() {
    return spec;
  }

  /** The next record. */
  public Sample next() {
    int k = spec.numClasses();
    double u = random.nextDouble() * cumulativePrior[k - 1];
    int label = 0;
    while (label < k - 1 && u >= cumulativePrior[label]) {
      label++;
    }
    int[] votes = new int[spec.numSources()];
    for (int j = 0; j < votes.length; j++) {
      if (random.nextDouble() >= spec.coverage()[j]) {
        votes[j] = LabelingFunction.ABSTAIN;
      } else if (random.nextDouble() < spec.accuracy()[j]) {
        votes[j] = label;
      } else {
        int wrong = random.nextInt(k - 1);
        votes[j] = wrong >= label ? wrong + 1 : wrong;
      }
    }
    return new Sample(VoteRow.hard(votes, Long.toString(count++)), label);
  }
}
