package dev.weakstream.trust;

/**
 * What a pipeline's {@code conformal} section chooses.
 *
 * @param alpha the miscoverage allowed: sets contain the true class with probability >= 1 - alpha
 * @param delta 0 for the marginal guarantee (coverage >= 1 - alpha on average over gold samples,
 *     the plain finite-sample quantile); in (0, 1) for the training-conditional one: with
 *     probability >= 1 - delta over the gold sample, the coverage given that sample is >= 1 - alpha
 *     (Vovk 2012) — what a small gold set needs, see {@link ConformalPredictor#quantileRank(int,
 *     double, double)}
 * @param mode marginal or class-conditional calibration
 * @param capacity how many gold scores the window keeps (per class in class-conditional mode)
 * @param ties how gold scores equal to a record's are counted
 * @param seed the seed of the per-record uniform used by {@link TieRule#SMOOTHED}
 */
public record ConformalSettings(
    double alpha, double delta, ConformalMode mode, int capacity, TieRule ties, long seed) {

  public static final double DEFAULT_ALPHA = 0.1;

  /**
   * The default: the guarantee holds for 90% of gold samples. On 120 gold records the coverage
   * given the sample has a standard deviation of about 0.027, so the marginal rule leaves one gold
   * set in four below 0.88 (docs/trust.md); this one targets 1 - alpha + ~1.28 of those deviations.
   */
  public static final double DEFAULT_DELTA = 0.1;

  /**
   * Gold scores kept by default: with 2,000 the coverage conditional on the window has a standard
   * deviation of sqrt(alpha (1 - alpha) / 2000) ≈ 0.007 at alpha 0.1, for 16 KB of state.
   */
  public static final int DEFAULT_CAPACITY = 2000;

  /** Seed of the per-record uniform; recorded with the state. */
  public static final long DEFAULT_SEED = 0x7275737431L;

  public ConformalSettings {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
    }
    if (!(delta >= 0 && delta < 1)) {
      throw new IllegalArgumentException("delta must be in [0, 1), was " + delta);
    }
    if (mode == null || ties == null) {
      throw new IllegalArgumentException("mode and ties are required");
    }
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
    }
  }

  /** alpha 0.1, delta 0.1, marginal, 2,000 scores, smoothed ties, the default seed. */
  public static ConformalSettings defaults() {
    return new ConformalSettings(
        DEFAULT_ALPHA,
        DEFAULT_DELTA,
        ConformalMode.MARGINAL,
        DEFAULT_CAPACITY,
        TieRule.SMOOTHED,
        DEFAULT_SEED);
  }

  public ConformalSettings withAlpha(double newAlpha) {
    return new ConformalSettings(newAlpha, delta, mode, capacity, ties, seed);
  }

  public ConformalSettings withDelta(double newDelta) {
    return new ConformalSettings(alpha, newDelta, mode, capacity, ties, seed);
  }

  public ConformalSettings withMode(ConformalMode newMode) {
    return new ConformalSettings(alpha, delta, newMode, capacity, ties, seed);
  }

  public ConformalSettings withCapacity(int newCapacity) {
    return new ConformalSettings(alpha, delta, mode, newCapacity, ties, seed);
  }

  public ConformalSettings withTies(TieRule newTies) {
    return new ConformalSettings(alpha, delta, mode, capacity, newTies, seed);
  }

  public ConformalSettings withSeed(long newSeed) {
    return new ConformalSettings(alpha, delta, mode, capacity, ties, newSeed);
  }
}
