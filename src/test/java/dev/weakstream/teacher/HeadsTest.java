package dev.weakstream.teacher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Zero-shot and few-shot heads on synthetic unit-norm embeddings. */
class HeadsTest {

  private static float[] unit(double... v) {
    double n = 0;
    for (double x : v) {
      n += x * x;
    }
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) (v[i] / Math.sqrt(n));
    }
    return f;
  }

  @Test
  void zeroShotPrefersTheClosestDescriptionAndSharpensWithLowerTemperature() {
    ZeroShotHead head = new ZeroShotHead(new float[][] {unit(1, 0, 0), unit(0, 1, 0)}, 0.05);
    double[] p = head.probabilities(unit(0.9, 0.3, 0.1));
    assertThat(p[0]).isGreaterThan(0.99);
    assertThat(p[0] + p[1]).isCloseTo(1, Offset.offset(1e-12));
    ZeroShotHead soft = new ZeroShotHead(new float[][] {unit(1, 0, 0), unit(0, 1, 0)}, 1.0);
    assertThat(soft.probabilities(unit(0.9, 0.3, 0.1))[0]).isBetween(0.5, 0.7);
  }

  /** Two noisy clusters in 8 dimensions, class c around axis c. */
  private static float[][] clusters(int n, long seed, int[] labels) {
    Random r = new Random(seed);
    float[][] x = new float[n][];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 3 == 0 ? 1 : 0;
      double[] v = new double[8];
      for (int d = 0; d < 8; d++) {
        v[d] = 0.5 * r.nextGaussian();
      }
      v[labels[i]] += 1.5;
      x[i] = unit(v);
    }
    return x;
  }

  @Test
  void fewShotLearnsCalibratedDeterministicProbabilities() {
    int[] y = new int[60];
    float[][] x = clusters(60, 1, y);
    FewShotHead head = FewShotHead.fit(x, y, 2, 7);
    FewShotHead again = FewShotHead.fit(x, y, 2, 7);
    assertThat(again.version()).isEqualTo(head.version());
    int[] ty = new int[400];
    float[][] tx = clusters(400, 2, ty);
    int correct = 0;
    double nll = 0;
    for (int i = 0; i < tx.length; i++) {
      double[] p = head.probabilities(tx[i]);
      assertThat(p[0] + p[1]).isCloseTo(1, Offset.offset(1e-9));
      correct += (p[1] > p[0] ? 1 : 0) == ty[i] ? 1 : 0;
      nll -= Math.log(p[ty[i]]);
    }
    assertThat(correct / 400.0).isGreaterThan(0.9);
    assertThat(nll / 400).isLessThan(0.35); // calibrated: far below log 2 and not overconfident
    assertThat(head.outOfFoldProbabilities()).hasNumberOfRows(60);
    assertThat(FewShotHead.LAMBDAS).contains(head.lambda());
  }

  @Test
  void classBalancedWeightsGiveEveryClassTheSameTotal() {
    double[] w = FewShotHead.classBalancedWeights(new int[] {0, 0, 0, 1}, 2);
    assertThat(w[0] * 3).isCloseTo(w[3], Offset.offset(1e-12));
  }

  @Test
  void centringRemovesADescriptionsBiasTowardEveryText() {
    // class 0's description is close to every text of the domain (axis 2), class 1's only to some
    ZeroShotHead head = new ZeroShotHead(new float[][] {unit(0.2, 0, 1), unit(0, 1, 0)}, 0.05);
    float[][] unlabelled = {unit(0, 0.3, 1), unit(0, 0.5, 1), unit(0, 0.1, 1)};
    float[] text = unit(0, 0.5, 1);
    assertThat(head.probabilities(text)[0]).isGreaterThan(0.5);
    assertThat(head.centred(unlabelled).probabilities(text)[1]).isGreaterThan(0.5);
    assertThat(head.centred(unlabelled).version()).isNotEqualTo(head.version());
  }
}
