package dev.weakstream.labelmodel;

import java.util.Arrays;

/**
 * Hyper-parameters of a {@link DawidSkeneFitter} fit.
 *
 * @param smoothing Dirichlet pseudo-count per source and class row of the confusion matrix (half on
 *     the diagonal), so rarely firing sources stay near "better than random"; also the Beta
 *     pseudo-count of the abstain rate
 * @param abstainWeight how much an abstain counts as evidence: 0 means abstains are not evidence
 *     for any class (only the votes cast are modelled), 1 is classic Dawid–Skene with abstain as an
 *     outcome whose rate depends on the class
 * @param confusion how each source's confusion matrix is parameterised
 * @param priorMode how the class prior is set
 * @param fixedPrior the prior for {@link PriorMode#FIXED}, else null
 * @param maxIterations EM iterations at most
 * @param tolerance relative change of the log-likelihood below which EM stops
 */
public record DawidSkeneConfig(
    double smoothing,
    double abstainWeight,
    ConfusionModel confusion,
    PriorMode priorMode,
    double[] fixedPrior,
    int maxIterations,
    double tolerance) {

  /** The configuration of the shipped {@code ds} model. */
  public static final DawidSkeneConfig DEFAULT =
      new DawidSkeneConfig(
          1.0, 0.0, ConfusionModel.CLASS_CONDITIONAL, PriorMode.UNIFORM, null, 100, 1e-7);

  public DawidSkeneConfig {
    if (!(smoothing > 0) || Double.isInfinite(smoothing)) {
      throw new IllegalArgumentException("smoothing must be positive, was " + smoothing);
    }
    if (!(abstainWeight >= 0 && abstainWeight <= 1)) {
      throw new IllegalArgumentException("abstainWeight must be in [0, 1], was " + abstainWeight);
    }
    if (confusion == null || priorMode == null) {
      throw new IllegalArgumentException("confusion and priorMode are required");
    }
    if ((priorMode == PriorMode.FIXED) != (fixedPrior != null)) {
      throw new IllegalArgumentException(
          "fixedPrior must be given exactly when priorMode is FIXED");
    }
    if (fixedPrior != null) {
      fixedPrior = fixedPrior.clone();
      double sum = 0;
      for (double p : fixedPrior) {
        if (!(p > 0)) {
          throw new IllegalArgumentException("fixedPrior entries must be positive");
        }
        sum += p;
      }
      for (int c = 0; c < fixedPrior.length; c++) {
        fixedPrior[c] /= sum;
      }
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be at least 1, was " + maxIterations);
    }
    if (!(tolerance >= 0)) {
      throw new IllegalArgumentException("tolerance must be >= 0, was " + tolerance);
    }
  }

  @Override
  public double[] fixedPrior() {
    return fixedPrior == null ? null : fixedPrior.clone();
  }

  public DawidSkeneConfig withSmoothing(double value) {
    return new DawidSkeneConfig(
        value, abstainWeight, confusion, priorMode, fixedPrior, maxIterations, tolerance);
  }

  public DawidSkeneConfig withAbstainWeight(double value) {
    return new DawidSkeneConfig(
        smoothing, value, confusion, priorMode, fixedPrior, maxIterations, tolerance);
  }

  public DawidSkeneConfig withConfusion(ConfusionModel value) {
    return new DawidSkeneConfig(
        smoothing, abstainWeight, value, priorMode, fixedPrior, maxIterations, tolerance);
  }

  public DawidSkeneConfig withPrior(PriorMode mode, double[] prior) {
    return new DawidSkeneConfig(
        smoothing, abstainWeight, confusion, mode, prior, maxIterations, tolerance);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DawidSkeneConfig c
        && c.smoothing == smoothing
        && c.abstainWeight == abstainWeight
        && c.confusion == confusion
        && c.priorMode == priorMode
        && Arrays.equals(c.fixedPrior, fixedPrior)
        && c.maxIterations == maxIterations
        && c.tolerance == tolerance;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(smoothing) * 31
        + Double.hashCode(abstainWeight) * 17
        + priorMode.hashCode();
  }

  @Override
  public String toString() {
    return confusion
        + " smoothing="
        + smoothing
        + " abstainWeight="
        + abstainWeight
        + " prior="
        + priorMode
        + (fixedPrior == null ? "" : Arrays.toString(fixedPrior));
  }
}
