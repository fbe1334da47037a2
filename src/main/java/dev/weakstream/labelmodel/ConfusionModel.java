package dev.weakstream.labelmodel;

/** How a Dawid–Skene fit parameterises each source's confusion matrix. */
public enum ConfusionModel {
  /** A full class-conditional matrix per source, P(vote c | class y) (Dawid–Skene). */
  CLASS_CONDITIONAL,
  /**
   * One accuracy per source ("one-coin"): P(vote y | y) = a, wrong votes spread evenly. The
   * accuracy gets a Beta prior with mean 0.7 and is kept at least {@code 1/k + 0.01}: sources are
   * assumed better than random, which removes the label-swapped solutions EM can otherwise drift
   * into.
   */
  ONE_COIN,
  /**
   * Every source has the same fixed accuracy ({@value DawidSkeneFitter#MAJORITY_ACCURACY}); nothing
   * about the sources is learned. With a uniform prior this labels every row exactly as majority
   * vote (same ties, same tie-breaks) while still being a serializable {@link DawidSkeneModel};
   * with a learned or fixed prior it is majority vote corrected for class balance. The safe
   * reference of {@link HyperparameterSelection}.
   */
  MAJORITY
}
