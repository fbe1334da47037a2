package dev.weakstream.trust;

import java.util.Arrays;

/**
 * Split-conformal label sets from a snapshot of gold nonconformity scores ({@link
 * NonconformityWindow#snapshot()}).
 *
 * <p>For a record with calibrated probabilities q and n gold scores s_i (those of class y in
 * class-conditional mode), class y is in the set iff {@code #{s_i > s} + U · (#{s_i = s} + 1) > t},
 * with {@code s = 1 - q_y}, U the record's uniform ({@link RecordUniform}; 1 under {@link
 * TieRule#CONSERVATIVE}) and the threshold t:
 *
 * <ul>
 *   <li>marginal guarantee ({@code delta = 0}): {@code t = alpha (n + 1)} — the smoothed conformal
 *       p-value against alpha. With U = 1 this is exactly the finite-sample quantile rule, y in the
 *       set iff s is at most the {@code ceil((n+1)(1-alpha))}-th smallest gold score ({@link
 *       #quantile}); with smoothed ties the coverage is exactly 1 - alpha on exchangeable data;
 *   <li>training-conditional guarantee ({@code delta > 0}): {@code t = n + 1 - k} with k the rank
 *       of {@link #quantileRank(int, double, double)}; for continuous scores the coverage given the
 *       gold sample is then Beta(k, n + 1 - k) distributed (Vovk 2012) and at least 1 - alpha with
 *       probability >= 1 - delta; smoothing breaks ties at random, which makes the scores
 *       continuous.
 * </ul>
 *
 * <p>Scores within {@value #TIE_TOLERANCE} count as equal (a record and a gold record with the same
 * vote pattern get identical probabilities, calibrated ones may differ in the last bits). Until
 * there are {@link #minimumGold} scores (of every class, class-conditionally) the quantile does not
 * exist and every record gets {@link ConformalResult.NoGuarantee}.
 *
 * <p>Cost per record: O(classes · log capacity). Immutable and thread-safe.
 */
public final class ConformalPredictor {

  static final double TIE_TOLERANCE = 1e-12;

  private final ConformalSettings settings;
  private final int numClasses;
  private final double[][] sorted;
  private final double[] thresholds;
  private final String version;
  private final int needed;

  ConformalPredictor(
      ConformalSettings settings, int numClasses, double[][] sorted, String version) {
    this.settings = settings;
    this.numClasses = numClasses;
    this.sorted = sorted;
    this.version = version;
    this.needed = minimumGold(settings.alpha(), settings.delta());
    this.thresholds = new double[sorted.length];
    for (int r = 0; r < sorted.length; r++) {
      int n = sorted[r].length;
      thresholds[r] =
          settings.delta() == 0
              ? settings.alpha() * (n + 1)
              : n + 1 - quantileRank(n, settings.alpha(), settings.delta());
    }
  }

  /**
   * The 1-based rank of the finite-sample conformal quantile among n scores: {@code
   * ceil((n+1)(1-alpha))}; larger than n when n is too small for the quantile to exist. A tolerance
   * of 1e-9 keeps products such as 10 · 0.9 from rounding up past an integer.
   */
  public static int quantileRank(int n, double alpha) {
    return (int) Math.ceil((n + 1) * (1 - alpha) - 1e-9);
  }

  /**
   * The rank for the training-conditional guarantee: the least k >= {@link #quantileRank(int,
   * double)} with {@code P(Binomial(n, 1 - alpha) >= k) <= delta} — the probability that a Beta(k,
   * n + 1 - k) coverage falls below 1 - alpha — or n + 1 when none exists; delta = 0 gives the
   * marginal rank.
   */
  public static int quantileRank(int n, double alpha, double delta) {
    int rank = quantileRank(n, alpha);
    if (delta == 0) {
      return rank;
    }
    double[] tail = binomialUpperTail(n, 1 - alpha);
    while (rank <= n && tail[rank] > delta) {
      rank++;
    }
    return rank;
  }

  /**
   * {@code tail[k] = P(Binomial(n, p) >= k)} for k in 0..n+1, summed from the top in log space so
   * that large n neither underflows nor loses the small tail probabilities (written out here: the
   * JDK has no binomial distribution, and this is all the guarantee needs).
   */
  static double[] binomialUpperTail(int n, double p) {
    double[] logPmf = new double[n + 1];
    logPmf[0] = n * Math.log1p(-p);
    double logOdds = Math.log(p) - Math.log1p(-p);
    for (int j = 0; j < n; j++) {
      logPmf[j + 1] = logPmf[j] + Math.log((double) (n - j) / (j + 1)) + logOdds;
    }
    double[] tail = new double[n + 2];
    double logSum = Double.NEGATIVE_INFINITY;
    for (int k = n; k >= 0; k--) {
      double a = Math.max(logSum, logPmf[k]);
      logSum = a + Math.log(Math.exp(logSum - a) + Math.exp(logPmf[k] - a));
      tail[k] = Math.min(1, Math.exp(logSum));
    }
    return tail;
  }

  /** The fewest gold scores for which the marginal quantile exists: the least n with rank <= n. */
  public static int minimumGold(double alpha) {
    return minimumGold(alpha, 0);
  }

  /**
   * The fewest gold scores for the guarantee: the least n whose rank ({@link #quantileRank(int,
   * double, double)}) is at most n; for delta > 0 that is the least n with {@code (1 - alpha)^n <=
   * delta}.
   */
  public static int minimumGold(double alpha, double delta) {
    int n = 1;
    while (quantileRank(n, alpha, delta) > n) {
      n++;
    }
    return n;
  }

  /**
   * The finite-sample conformal quantile of ascending scores: the {@link #quantileRank(int,
   * double)}-th smallest, or +∞ when it does not exist (every class would be in every set).
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

  /** Gold scores needed (per class, class-conditionally) for the guarantee. */
  public int goldNeeded() {
    return needed;
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
      int r = settings.mode() == ConformalMode.MARGINAL ? 0 : y;
      if (weightAbove(sorted[r], NonconformityWindow.score(q, y), u) > thresholds[r]) {
        in[count++] = y;
      }
    }
    return new ConformalResult.LabelSet(Arrays.copyOf(in, count));
  }

  /**
   * The smoothed conformal p-value of score s among ascending gold scores, {@code (#{s_i > s} + u
   * (#{s_i = s} + 1)) / (n + 1)}.
   */
  static double pValue(double[] ascending, double s, double u) {
    return weightAbove(ascending, s, u) / (ascending.length + 1);
  }

  private static double weightAbove(double[] ascending, double s, double u) {
    int n = ascending.length;
    int below = firstAbove(ascending, s - TIE_TOLERANCE, true);
    int atOrBelow = firstAbove(ascending, s + TIE_TOLERANCE, false);
    return (n - atOrBelow) + u * (atOrBelow - below + 1);
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
