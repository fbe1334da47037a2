package dev.weakstream.trust;

import java.util.Arrays;

/**
 * Split-conformal label sets from a snapshot of gold nonconformity scores ({@link
 * NonconformityWindow#snapshot()}).
 *
 * <p>For a record with calibrated probabilities q, class y gets the conformal p-value {@code p(y) =
 * (#{s_i > s} + U · (#{s_i = s} + 1)) / (n + 1)} over the n gold scores s_i (those of class y in
 * class-conditional mode), with {@code s = 1 - q_y} and U the record's uniform ({@link
 * RecordUniform}, or 1 under {@link TieRule#CONSERVATIVE}); y is in the set iff {@code p(y) >
 * alpha}. With U = 1 this is exactly the finite-sample quantile rule: y is in the set iff {@code s
 * <= } the {@code ceil((n+1)(1-alpha))}-th smallest gold score ({@link #quantile}). Scores within
 * {@value #TIE_TOLERANCE} count as equal (a record and a gold record with the same vote pattern get
 * bit-identical probabilities, but calibrated ones may differ in the last bits).
 *
 * <p>Until there are {@link #minimumGold} scores (of every class, class-conditionally) the quantile
 * does not exist and every record gets {@link ConformalResult.NoGuarantee}.
 *
 * <p>Cost per record: O(classes · log capacity). Immutable and thread-safe.
 */
public final class ConformalPredictor {

  static final double TIE_TOLERANCE = 1e-12;

  private final ConformalSettings settings;
  private final int numClasses;
  private final double[][] sorted;
  private final String version;
  private final int needed;

  ConformalPredictor(
      ConformalSettings settings, int numClasses, double[][] sorted, String version) {
    this.settings = settings;
    this.numClasses = numClasses;
    this.sorted = sorted;
    this.version = version;
    this.needed = minimumGold(settings.alpha());
  }

  /**
   * The 1-based rank of the finite-sample conformal quantile among n scores: {@code
   * ceil((n+1)(1-alpha))}; larger than n when n is too small for the quantile to exist. A tolerance
   * of 1e-9 keeps products such as 10 · 0.9 from rounding up past an integer.
   */
  public static int quantileRank(int n, double alpha) {
    return (int) Math.ceil((n + 1) * (1 - alpha) - 1e-9);
  }

  /** The fewest gold scores for which the quantile exists: the least n with rank <= n. */
  public static int minimumGold(double alpha) {
    int n = 1;
    while (quantileRank(n, alpha) > n) {
      n++;
    }
    return n;
  }

  /**
   * The finite-sample conformal quantile of ascending scores: the {@link #quantileRank}-th
   * smallest, or +∞ when it does not exist (every class would be in every set).
   */
  public static double quantile(double[] ascending, double alpha) {
    int rank = quantileRank(ascending.length, alpha);
    return rank > ascending.length ? Double.POSITIVE_INFINITY : ascending[rank - 1];
  }

  public ConformalSettings settings() {
    return settings;
  }

  public int numClasses() {
    return numClasses;
  }

  /** The version of the window this snapshot was taken from. */
  public String version() {
    return version;
  }

  /** Gold scores per window (one window in marginal mode, one per class otherwise). */
  public int[] goldScores() {
    int[] out = new int[sorted.length];
    for (int r = 0; r < sorted.length; r++) {
      out[r] = sorted[r].length;
    }
    return out;
  }

  /** Whether every window holds enough gold for the guarantee. */
  public boolean guaranteed() {
    return scarcest() >= needed;
  }

  private int scarcest() {
    int least = Integer.MAX_VALUE;
    for (double[] s : sorted) {
      least = Math.min(least, s.length);
    }
    return least;
  }

  /**
   * The label set of one record.
   *
   * @param calibrated the record's calibrated probabilities (the same calibrator as the gold's)
   * @param recordId the record's id: its uniform for smoothed ties is a function of it
   */
  public ConformalResult predict(double[] calibrated, String recordId) {
    double[] q = Probabilities.checked(calibrated, numClasses, "record " + recordId);
    int least = scarcest();
    if (least < needed) {
      return new ConformalResult.NoGuarantee(least, needed);
    }
    double u =
        settings.ties() == TieRule.SMOOTHED ? RecordUniform.of(recordId, settings.seed()) : 1;
    int[] in = new int[numClasses];
    int count = 0;
    for (int y = 0; y < numClasses; y++) {
      double[] scores = sorted[settings.mode() == ConformalMode.MARGINAL ? 0 : y];
      if (pValue(scores, NonconformityWindow.score(q, y), u) > settings.alpha()) {
        in[count++] = y;
      }
    }
    return new ConformalResult.LabelSet(Arrays.copyOf(in, count));
  }

  /** The smoothed conformal p-value of score s among ascending gold scores. */
  static double pValue(double[] ascending, double s, double u) {
    int n = ascending.length;
    int below = firstAbove(ascending, s - TIE_TOLERANCE, true);
    int atOrBelow = firstAbove(ascending, s + TIE_TOLERANCE, false);
    int greater = n - atOrBelow;
    int equal = atOrBelow - below;
    return (greater + u * (equal + 1)) / (n + 1);
  }

  /**
   * Index of the first score {@code >= x} (inclusive) or {@code > x} (not inclusive) in ascending
   * scores.
   */
  private static int firstAbove(double[] a, double x, boolean inclusive) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (inclusive ? a[mid] < x : a[mid] <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
