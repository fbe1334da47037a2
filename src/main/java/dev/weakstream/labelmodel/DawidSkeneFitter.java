package dev.weakstream.labelmodel;

import java.util.Arrays;
import java.util.List;

/**
 * Fits a {@link DawidSkeneModel} by expectation–maximisation on {@link VoteStatistics}, without
 * gold labels.
 *
 * <p>Model: a latent class y with prior π; each source j, independently given y, abstains with
 * probability {@code a[j][y]} and otherwise votes class c with probability {@code θ[j][y][c]} (the
 * class-conditional confusion matrix). With {@code abstainWeight = 0} the abstain factors are left
 * out of the likelihood, so an abstain is no evidence for any class; with 1 it is classic
 * Dawid–Skene with abstain as an outcome. EM starts from the majority-vote posterior (vote shares),
 * θ rows get a Dirichlet prior ({@code smoothing} pseudo-votes, half of them on the diagonal, the
 * rest spread evenly) and the abstain rate a Beta({@code smoothing}, {@code smoothing}) prior, so
 * sources that rarely fire stay close to a mildly-better-than-random confusion matrix.
 *
 * <p>Only rows with at least one vote enter the fit (uncovered rows carry no evidence about the
 * sources). Cost per iteration is O(sampled patterns × votes per pattern × classes) — independent
 * of the number of records seen, because the statistics are bounded. Deterministic: patterns are
 * visited in hash order and no randomness is used.
 *
 * <p>Stateless and thread-safe.
 */
public final class DawidSkeneFitter {

  private static final double MIN_PROBABILITY = 1e-12;

  /** Mean of the Beta prior on a one-coin accuracy (Snorkel's default initial precision). */
  static final double ACCURACY_PRIOR_MEAN = 0.7;

  /** A one-coin accuracy is kept at least this much above random (1/k). */
  static final double ACCURACY_MARGIN = 0.01;

  /** The shared, fixed accuracy of {@link ConfusionModel#MAJORITY}. */
  public static final double MAJORITY_ACCURACY = 0.7;

  private final String name;
  private final DawidSkeneConfig config;

  public DawidSkeneFitter(String name, DawidSkeneConfig config) {
    this.name = name;
    this.config = config;
  }

  public DawidSkeneConfig config() {
    return config;
  }

  /** Fits a model to the statistics. */
  public DawidSkeneModel fit(VoteStatistics stats) {
    int m = stats.numSources();
    int k = stats.numClasses();
    if (config.fixedPrior() != null && config.fixedPrior().length != k) {
      throw new IllegalArgumentException(
          "fixed prior has " + config.fixedPrior().length + " classes, statistics have " + k);
    }
    Flat data = Flat.of(stats.patterns());
    int n = data.weight.length;
    double[] posterior = majorityVotePosterior(data, k);
    double alpha = config.smoothing();
    double lambda = config.abstainWeight();

    double[] prior = new double[k];
    double[] theta = new double[m * k * k]; // (j*k + y)*k + c
    double[] abstain = new double[m * k]; // j*k + y
    double[] base = new double[k];
    double[] w = new double[m * k * k]; // (j*k + c)*k + y
    double previous = Double.NEGATIVE_INFINITY;
    int iteration = 0;
    while (true) {
      iteration++;
      mStep(data, posterior, m, k, prior, theta, abstain);
      buildWeights(m, k, lambda, prior, theta, abstain, base, w);
      if (n == 0 || iteration >= config.maxIterations()) {
        break;
      }
      double logLikelihood = eStep(data, k, base, w, posterior);
      if (Math.abs(logLikelihood - previous)
          <= config.tolerance() * (1 + Math.abs(logLikelihood))) {
        mStep(data, posterior, m, k, prior, theta, abstain);
        buildWeights(m, k, lambda, prior, theta, abstain, base, w);
        break;
      }
      previous = logLikelihood;
    }
    double[] accuracy = accuracy(m, k, prior, theta, abstain);
    return new DawidSkeneModel(name, m, k, prior, base, w, accuracy, iteration);
  }

  /** Initial posterior per pattern: the vote shares (majority vote's probabilities). */
  private static double[] majorityVotePosterior(Flat data, int k) {
    int n = data.weight.length;
    double[] posterior = new double[n * k];
    for (int p = 0; p < n; p++) {
      double total = 0;
      for (int i = data.start[p]; i < data.start[p + 1]; i++) {
        posterior[p * k + data.cls[i]] += data.mass[i];
        total += data.mass[i];
      }
      for (int c = 0; c < k; c++) {
        posterior[p * k + c] /= total;
      }
    }
    return posterior;
  }

  private void mStep(
      Flat data,
      double[] posterior,
      int m,
      int k,
      double[] prior,
      double[] theta,
      double[] abstain) {
    double alpha = config.smoothing();
    int n = data.weight.length;
    double[] classTotal = new double[k];
    double[] counts = new double[m * k * k];
    double total = 0;
    for (int p = 0; p < n; p++) {
      double wp = data.weight[p];
      total += wp;
      for (int y = 0; y < k; y++) {
        classTotal[y] += wp * posterior[p * k + y];
      }
      for (int i = data.start[p]; i < data.start[p + 1]; i++) {
        int off = data.source[i] * k * k + data.cls[i];
        double f = wp * data.mass[i];
        for (int y = 0; y < k; y++) {
          counts[off + y * k] += f * posterior[p * k + y];
        }
      }
    }
    switch (config.priorMode()) {
      case UNIFORM -> Arrays.fill(prior, 1.0 / k);
      case FIXED -> System.arraycopy(config.fixedPrior(), 0, prior, 0, k);
      case LEARNED -> {
        for (int y = 0; y < k; y++) {
          prior[y] = (classTotal[y] + 1) / (total + k);
        }
      }
    }
    double diagonal = alpha / 2 + alpha / (2 * k);
    double offDiagonal = alpha / (2 * k);
    for (int j = 0; j < m; j++) {
      double oneCoin =
          switch (config.confusion()) {
            case ONE_COIN -> oneCoinAccuracy(counts, j, k);
            case MAJORITY -> MAJORITY_ACCURACY;
            case CLASS_CONDITIONAL -> 0;
          };
      for (int y = 0; y < k; y++) {
        int row = (j * k + y) * k;
        double voted = 0;
        for (int c = 0; c < k; c++) {
          voted += counts[row + c];
        }
        for (int c = 0; c < k; c++) {
          if (config.confusion() != ConfusionModel.CLASS_CONDITIONAL) {
            theta[row + c] = c == y ? oneCoin : (1 - oneCoin) / (k - 1);
          } else {
            theta[row + c] =
                (counts[row + c] + (c == y ? diagonal : offDiagonal)) / (voted + alpha);
          }
        }
        double abstained = Math.max(0, classTotal[y] - voted);
        abstain[j * k + y] = (abstained + alpha) / (classTotal[y] + 2 * alpha);
      }
    }
  }

  /** The one-coin accuracy of source j: Beta-smoothed expected agreement, floored above random. */
  private double oneCoinAccuracy(double[] counts, int j, int k) {
    double correct = 0;
    double voted = 0;
    for (int y = 0; y < k; y++) {
      for (int c = 0; c < k; c++) {
        double v = counts[(j * k + y) * k + c];
        voted += v;
        correct += c == y ? v : 0;
      }
    }
    double alpha = config.smoothing();
    double a = (correct + alpha * ACCURACY_PRIOR_MEAN) / (voted + alpha);
    return Math.min(Math.max(a, 1.0 / k + ACCURACY_MARGIN), 1 - 1e-6);
  }

  private static void buildWeights(
      int m,
      int k,
      double lambda,
      double[] prior,
      double[] theta,
      double[] abstain,
      double[] base,
      double[] w) {
    for (int y = 0; y < k; y++) {
      base[y] = Math.log(Math.max(prior[y], MIN_PROBABILITY));
    }
    for (int j = 0; j < m; j++) {
      for (int y = 0; y < k; y++) {
        double a = Math.min(Math.max(abstain[j * k + y], MIN_PROBABILITY), 1 - MIN_PROBABILITY);
        double logAbstain = Math.log(a);
        double correction = lambda * (Math.log1p(-a) - logAbstain);
        base[y] += lambda * logAbstain;
        for (int c = 0; c < k; c++) {
          double t = Math.max(theta[(j * k + y) * k + c], MIN_PROBABILITY);
          w[(j * k + c) * k + y] = Math.log(t) + correction;
        }
      }
    }
  }

  /** Updates the posterior in place; returns the weighted log-likelihood. */
  private static double eStep(Flat data, int k, double[] base, double[] w, double[] posterior) {
    int n = data.weight.length;
    double[] s = new double[k];
    double logLikelihood = 0;
    for (int p = 0; p < n; p++) {
      System.arraycopy(base, 0, s, 0, k);
      for (int i = data.start[p]; i < data.start[p + 1]; i++) {
        int off = (data.source[i] * k + data.cls[i]) * k;
        double f = data.mass[i];
        for (int y = 0; y < k; y++) {
          s[y] += f * w[off + y];
        }
      }
      double logSum = LogSpace.normalizeInPlace(s);
      System.arraycopy(s, 0, posterior, p * k, k);
      logLikelihood += data.weight[p] * logSum;
    }
    return logLikelihood;
  }

  /** P(vote correct | source votes) = Σ_y π_y (1 - a_jy) θ_jyy / Σ_y π_y (1 - a_jy). */
  private static double[] accuracy(int m, int k, double[] prior, double[] theta, double[] abstain) {
    double[] accuracy = new double[m];
    for (int j = 0; j < m; j++) {
      double correct = 0;
      double voted = 0;
      for (int y = 0; y < k; y++) {
        double v = prior[y] * (1 - abstain[j * k + y]);
        correct += v * theta[(j * k + y) * k + y];
        voted += v;
      }
      accuracy[j] = correct / voted;
    }
    return accuracy;
  }

  /** The sampled patterns unpacked into flat arrays for cache-friendly EM. */
  private record Flat(int[] start, int[] source, int[] cls, double[] mass, double[] weight) {
    static Flat of(List<VoteStatistics.WeightedPattern> patterns) {
      int n = patterns.size();
      int total = 0;
      for (VoteStatistics.WeightedPattern p : patterns) {
        total += p.entries().length;
      }
      int[] start = new int[n + 1];
      int[] source = new int[total];
      int[] cls = new int[total];
      double[] mass = new double[total];
      double[] weight = new double[n];
      int i = 0;
      for (int p = 0; p < n; p++) {
        VoteStatistics.WeightedPattern pattern = patterns.get(p);
        start[p] = i;
        weight[p] = pattern.weight();
        for (int e : pattern.entries()) {
          source[i] = VoteStatistics.source(e);
          cls[i] = VoteStatistics.classOf(e);
          mass[i] = VoteStatistics.mass(e) / (double) VoteStatistics.MASS_UNITS;
          i++;
        }
      }
      start[n] = i;
      return new Flat(start, source, cls, mass, weight);
    }
  }
}
