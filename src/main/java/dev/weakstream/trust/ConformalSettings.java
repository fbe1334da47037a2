package dev.weakstream.trust;

/**
 * What a pipeline's {@code conformal} section chooses.
 *
 * @param alpha the miscoverage allowed: sets contain the true class with probability >= 1 - alpha
 * @param mode marginal or class-conditional calibration
 * @param capacity how many gold scores the window keeps (per class in class-conditional mode)
 * @param ties how gold scores equal to a record's are counted
 * @param seed the seed of the per-record uniform used by {@link TieRule#SMOOTHED}
 */
public record ConformalSettings(
    double alpha, ConformalMode mode, int capacity, TieRule ties, long seed) {

  public static final double DEFAULT_ALPHA = 0.1;

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
    if (mode == null || ties == null) {
      throw new IllegalArgumentException("mode and ties are required");
    }
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
    }
  }

  /** alpha 0.1, marginal, 2,000 scores, smoothed ties, the default seed. */
  public static ConformalSettings defaults() {
    return new ConformalSettings(
        DEFAULT_ALPHA, ConformalMode.MARGINAL, DEFAULT_CAPACITY, TieRule.SMOOTHED, DEFAULT_SEED);
  }

  public ConformalSettings withAlpha(double newAlpha) {
    return new ConformalSettings(newAlpha, mode, capacity, ties, seed);
  }

  public ConformalSettings withMode(ConformalMode newMode) {
    return new ConformalSettings(alpha, newMode, capacity, ties, seed);
  }

  public ConformalSettings withCapacity(int newCapacity) {
    return new ConformalSettings(alpha, mode, newCapacity, ties, seed);
  }

  public ConformalSettings withTies(TieRule newTies) {
    return new ConformalSettings(alpha, mode, capacity, newTies, seed);
  }

  public ConformalSettings withSeed(long newSeed) {
    return new ConformalSettings(alpha, mode, capacity, ties, newSeed);
  }
}
