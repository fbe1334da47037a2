package dev.weakstream.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConformalPredictorTest {

  private static final ConformalSettings MARGINAL = ConformalSettings.defaults().withDelta(0);

  @Test
  void theQuantileRankIsTheFiniteSampleCorrection() {
    assertThat(ConformalPredictor.quantileRank(9, 0.1)).isEqualTo(9);
    assertThat(ConformalPredictor.quantileRank(8, 0.1)).isEqualTo(9);
    assertThat(ConformalPredictor.quantileRank(19, 0.1)).isEqualTo(18);
    assertThat(ConformalPredictor.quantileRank(99, 0.1)).isEqualTo(90);
    assertThat(ConformalPredictor.quantileRank(100, 0.1)).isEqualTo(91);
    assertThat(ConformalPredictor.minimumGold(0.1)).isEqualTo(9);
    assertThat(ConformalPredictor.minimumGold(0.05)).isEqualTo(19);
    assertThat(ConformalPredictor.minimumGold(0.2)).isEqualTo(4);
    double[] ascending = new double[19];
    for (int i = 0; i < ascending.length; i++) {
      ascending[i] = i / 100.0;
    }
    assertThat(ConformalPredictor.quantile(ascending, 0.1)).isEqualTo(0.17);
    assertThat(ConformalPredictor.quantile(Arrays.copyOf(ascending, 8), 0.1)).isInfinite();
  }

  @Test
  void theTrainingConditionalRankBoundsTheBinomialTail() {
    // (0.9)^21 = 0.109 > 0.1 >= (0.9)^22 = 0.098
    assertThat(ConformalPredictor.minimumGold(0.1, 0.1)).isEqualTo(22);
    double[] tail = ConformalPredictor.binomialUpperTail(5, 0.5);
    assertThat(tail[0]).isCloseTo(1, offset(1e-12));
    assertThat(tail[3]).isCloseTo(0.5, offset(1e-12));
    assertThat(tail[5]).isCloseTo(1 / 32.0, offset(1e-12));
    assertThat(tail[6]).isZero();
    int n = 120;
    int k = ConformalPredictor.quantileRank(n, 0.1, 0.1);
    double[] t = ConformalPredictor.binomialUpperTail(n, 0.9);
    assertThat(k).isGreaterThan(ConformalPredictor.quantileRank(n, 0.1));
    assertThat(t[k]).isLessThanOrEqualTo(0.1);
    assertThat(t[k - 1]).isGreaterThan(0.1);
    assertThat(ConformalPredictor.quantileRank(n, 0.1, 0)).isEqualTo(109);
  }

  @Test
  void conservativeTiesAreExactlyTheQuantileRule() {
    Random random = new Random(11);
    for (int trial = 0; trial < 200; trial++) {
      int n = 9 + random.nextInt(60);
      NonconformityWindow window =
          new NonconformityWindow(MARGINAL.withTies(TieRule.CONSERVATIVE), 2);
      double[] scores = new double[n];
      for (int i = 0; i < n; i++) {
        double p = random.nextInt(6) / 5.0; // heavy ties
        window.add(new double[] {p, 1 - p}, 0);
        scores[i] = 1 - p;
      }
      Arrays.sort(scores);
      double q = ConformalPredictor.quantile(scores, 0.1);
      ConformalPredictor predictor = window.snapshot();
      for (int t = 0; t < 10; t++) {
        double p = random.nextInt(6) / 5.0;
        ConformalResult.LabelSet set =
            (ConformalResult.LabelSet) predictor.predict(new double[] {p, 1 - p}, "r" + t);
        assertThat(set.contains(0)).isEqualTo(1 - p <= q + 1e-12);
        assertThat(set.contains(1)).isEqualTo(p <= q + 1e-12);
      }
    }
  }

  @Test
  void beforeEnoughGoldEveryRecordIsToldThereIsNoGuarantee() {
    NonconformityWindow window = new NonconformityWindow(MARGINAL, 3);
    double[] p = {0.6, 0.3, 0.1};
    assertThat(window.snapshot().predict(p, "first"))
        .isEqualTo(new ConformalResult.NoGuarantee(0, 9));
    for (int i = 0; i < 8; i++) {
      window.add(p, 0);
    }
    assertThat(window.snapshot().predict(p, "x")).isEqualTo(new ConformalResult.NoGuarantee(8, 9));
    assertThat(window.snapshot().guaranteed()).isFalse();
    window.add(p, 1);
    assertThat(window.snapshot().predict(p, "x")).isInstanceOf(ConformalResult.LabelSet.class);

    NonconformityWindow conditional =
        new NonconformityWindow(
            ConformalSettings.defaults().withMode(ConformalMode.CLASS_CONDITIONAL), 2);
    for (int i = 0; i < 30; i++) {
      conditional.add(new double[] {0.7, 0.3}, 0);
    }
    for (int i = 0; i < 5; i++) {
      conditional.add(new double[] {0.7, 0.3}, 1);
    }
    assertThat(conditional.snapshot().predict(new double[] {0.5, 0.5}, "y"))
        .isEqualTo(new ConformalResult.NoGuarantee(5, 22));
  }

  /**
   * Exchangeable synthetic data with the ties of a label model: eight "vote patterns", each with
   * fixed (miscalibrated) probabilities and its own true-class distribution.
   */
  private static final class Patterns {
    final double[][] probabilities = new double[8][];
    final double[][] truth = new double[8][];

    Patterns(Random random) {
      for (int g = 0; g < 8; g++) {
        probabilities[g] = dirichlet(random);
        truth[g] = dirichlet(random);
      }
    }

    private static double[] dirichlet(Random random) {
      double[] v = new double[3];
      double sum = 0;
      for (int c = 0; c < 3; c++) {
        v[c] = -Math.log(random.nextDouble()) + 0.05;
        sum += v[c];
      }
      for (int c = 0; c < 3; c++) {
        v[c] /= sum;
      }
      return v;
    }

    int pattern(Random random) {
      return random.nextInt(8);
    }

    int truth(int g, Random random) {
      double u = random.nextDouble();
      int y = 0;
      while (y < 2 && u > truth[g][y]) {
        u -= truth[g][y];
        y++;
      }
      return y;
    }
  }

  /** Mean coverage over trials, and the fraction of trials (gold samples) below 1 - alpha. */
  private static double[] coverage(
      ConformalSettings settings, int nGold, int nTest, int trials, long seed, int onlyClass) {
    Random random = new Random(seed);
    Patterns patterns = new Patterns(random);
    double sum = 0;
    int below = 0;
    long id = 0;
    for (int trial = 0; trial < trials; trial++) {
      NonconformityWindow window = new NonconformityWindow(settings, 3);
      for (int i = 0; i < nGold; i++) {
        int g = patterns.pattern(random);
        window.add(patterns.probabilities[g], patterns.truth(g, random));
      }
      ConformalPredictor predictor = window.snapshot();
      int covered = 0;
      int counted = 0;
      for (int i = 0; i < nTest; i++) {
        int g = patterns.pattern(random);
        int y = patterns.truth(g, random);
        if (onlyClass >= 0 && y != onlyClass) {
          continue;
        }
        ConformalResult result = predictor.predict(patterns.probabilities[g], "r" + id++);
        covered += ((ConformalResult.LabelSet) result).contains(y) ? 1 : 0;
        counted++;
      }
      double c = (double) covered / counted;
      sum += c;
      below += c < 1 - settings.alpha() ? 1 : 0;
    }
    return new double[] {sum / trials, (double) below / trials};
  }

  @Test
  void smoothedSetsCoverOneMinusAlphaWithinBinomialErrorOnExchangeableData() {
    int gold = 300;
    int test = 300;
    int trials = 200;
    double alpha = 0.1;
    // variance of a trial's coverage: the gold sample's share alpha(1-alpha)/(n+2) plus the test
    // rows'
    double se = Math.sqrt(alpha * (1 - alpha) * (1.0 / (gold + 2) + 1.0 / test) / trials);
    for (long seed = 1; seed <= 3; seed++) {
      double smoothed = coverage(MARGINAL, gold, test, trials, seed, -1)[0];
      assertThat(smoothed).as("seed " + seed).isCloseTo(1 - alpha, offset(4 * se));
      double conservative =
          coverage(MARGINAL.withTies(TieRule.CONSERVATIVE), gold, test, trials, seed, -1)[0];
      assertThat(conservative).as("seed " + seed).isGreaterThan(1 - alpha + 4 * se);
    }
  }

  @Test
  void classConditionalSetsCoverEveryClass() {
    ConformalSettings settings = MARGINAL.withMode(ConformalMode.CLASS_CONDITIONAL);
    for (int c = 0; c < 3; c++) {
      double covered = coverage(settings, 600, 600, 150, 21, c)[0];
      assertThat(covered).as("class " + c).isCloseTo(0.9, offset(0.02));
    }
  }

  @Test
  void theTrainingConditionalRuleHoldsForAllButDeltaOfTheGoldSamples() {
    double[] marginal = coverage(MARGINAL, 120, 3000, 200, 31, -1);
    double[] conditional = coverage(MARGINAL.withDelta(0.1), 120, 3000, 200, 31, -1);
    // the marginal rule is right on average, so about half the gold samples fall short
    assertThat(marginal[0]).isCloseTo(0.9, offset(0.01));
    assertThat(marginal[1]).isGreaterThan(0.3);
    // with delta 0.1, at most 10% do (+3 binomial standard errors over 200 samples)
    assertThat(conditional[1]).isLessThanOrEqualTo(0.1 + 3 * Math.sqrt(0.09 / 200));
    assertThat(conditional[0]).isGreaterThan(marginal[0]);
  }

  @Test
  void aRecordGetsTheSameSetFromARestoredWindow() {
    Random random = new Random(41);
    NonconformityWindow window = new NonconformityWindow(ConformalSettings.defaults(), 3);
    Patterns patterns = new Patterns(random);
    for (int i = 0; i < 500; i++) {
      int g = patterns.pattern(random);
      window.add(patterns.probabilities[g], patterns.truth(g, random));
    }
    NonconformityWindow restored = NonconformityWindow.fromBytes(window.toBytes());
    assertThat(restored.version()).isEqualTo(window.version());
    assertThat(restored.settings()).isEqualTo(window.settings());
    ConformalPredictor a = window.snapshot();
    ConformalPredictor b = restored.snapshot();
    for (int i = 0; i < 200; i++) {
      double[] p = patterns.probabilities[i % 8];
      assertThat(b.predict(p, "id-" + i)).isEqualTo(a.predict(p, "id-" + i));
      assertThat(a.predict(p, "id-" + i)).isEqualTo(a.predict(p, "id-" + i));
    }
  }

  @Test
  void theWindowKeepsTheNewestScores() {
    NonconformityWindow window = new NonconformityWindow(MARGINAL.withCapacity(10), 2);
    for (int i = 0; i < 10; i++) {
      window.add(new double[] {1, 0}, 0); // score 0
    }
    for (int i = 0; i < 10; i++) {
      window.add(new double[] {0, 1}, 0); // score 1: evicts every score 0
    }
    assertThat(window.size()).isEqualTo(10);
    NonconformityWindow other = new NonconformityWindow(MARGINAL.withCapacity(10), 2);
    for (int i = 0; i < 10; i++) {
      other.add(new double[] {0, 1}, 0);
    }
    assertThat(window.version()).isEqualTo(other.version());
    // every gold score is 1, so even a class with probability 0 stays in
    ConformalResult.LabelSet set =
        (ConformalResult.LabelSet) window.snapshot().predict(new double[] {0, 1}, "z");
    assertThat(set.classes()).containsExactly(0, 1);
  }
}
