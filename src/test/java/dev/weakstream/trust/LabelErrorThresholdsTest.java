package dev.weakstream.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LabelErrorThresholdsTest {

  @Test
  void aThresholdIsTheQuantileOfTheOutOfSampleProbabilitiesOfItsClass() {
    LabelErrorThresholds thresholds = new LabelErrorThresholds(2, 0.02);
    for (int i = 0; i < 100; i++) {
      double p = i / 100.0;
      thresholds.observe(0, new double[] {p, 1 - p});
    }
    // rank ceil(0.02 * 100) = 2: the second smallest, 0.01
    assertThat(thresholds.threshold(0)).isEqualTo(0.01);
    assertThat(thresholds.records(0)).isEqualTo(100);
    assertThat(thresholds.threshold(1)).isNaN();
  }

  @Test
  void aClassHasNoThresholdBeforeOneOverTheQuantileRecords() {
    LabelErrorThresholds thresholds = new LabelErrorThresholds(2, 0.02);
    assertThat(thresholds.minimumRecords()).isEqualTo(50);
    for (int i = 0; i < 49; i++) {
      thresholds.observe(1, new double[] {0.2, 0.8});
    }
    assertThat(thresholds.threshold(1)).isNaN();
    assertThat(thresholds.snapshot().check(1, new double[] {0.9, 0.1}))
        .isEqualTo(new LabelCheck.NotAssessed(1));
    thresholds.observe(1, new double[] {0.2, 0.8});
    assertThat(thresholds.threshold(1)).isEqualTo(0.8);
  }

  @Test
  void flagsTheConfidentClassWhenItIsNotTheWeakLabel() {
    LabelErrorDetector detector = new LabelErrorDetector(new double[] {0.6, 0.4}, "t");
    assertThat(detector.check(0, new double[] {0.3, 0.7}))
        .isEqualTo(new LabelCheck.Flagged(0, 1, 0.7));
    assertThat(detector.check(0, new double[] {0.8, 0.2})).isEqualTo(new LabelCheck.NotFlagged(0));
    // the per-class correction: 0.45 clears the rare class's bar, 0.55 does not clear class 0's
    assertThat(detector.check(0, new double[] {0.55, 0.45}))
        .isEqualTo(new LabelCheck.Flagged(0, 1, 0.45));
    assertThat(detector.check(1, new double[] {0.5, 0.5})).isEqualTo(new LabelCheck.NotFlagged(1));
    // nothing confident: not flagged
    LabelErrorDetector strict = new LabelErrorDetector(new double[] {0.9, 0.9}, "t");
    assertThat(strict.check(0, new double[] {0.3, 0.7})).isEqualTo(new LabelCheck.NotFlagged(0));
  }

  @Test
  void aClassWithoutAThresholdCannotBeSuspected() {
    LabelErrorDetector detector = new LabelErrorDetector(new double[] {0.5, Double.NaN, 0.2}, "t");
    assertThat(detector.check(0, new double[] {0.05, 0.9, 0.05}))
        .isEqualTo(new LabelCheck.NotFlagged(0));
    assertThat(detector.check(0, new double[] {0.1, 0.6, 0.3}))
        .isEqualTo(new LabelCheck.Flagged(0, 2, 0.3));
    assertThat(detector.check(1, new double[] {0.1, 0.6, 0.3}))
        .isEqualTo(new LabelCheck.NotAssessed(1));
  }

  @Test
  void theStateDoesNotDependOnTheOrderRecordsArriveIn() {
    Random random = new Random(5);
    List<double[]> records = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      double p = random.nextDouble();
      records.add(new double[] {random.nextInt(3), p, (1 - p) / 2, (1 - p) / 2});
    }
    LabelErrorThresholds inOrder = observeAll(records);
    Collections.shuffle(records, new Random(6));
    LabelErrorThresholds shuffled = observeAll(records);
    assertThat(shuffled.version()).isEqualTo(inOrder.version());
    LabelErrorThresholds restored = LabelErrorThresholds.fromBytes(inOrder.toBytes());
    assertThat(restored.version()).isEqualTo(inOrder.version());
    for (int c = 0; c < 3; c++) {
      assertThat(restored.threshold(c)).isEqualTo(inOrder.threshold(c));
    }
  }

  private static LabelErrorThresholds observeAll(List<double[]> records) {
    LabelErrorThresholds t = new LabelErrorThresholds(3, LabelErrorThresholds.DEFAULT_QUANTILE);
    for (double[] r : records) {
      t.observe((int) r[0], new double[] {r[1], r[2], r[3]});
    }
    return t;
  }

  /**
   * Weak labels with 15% flips and an out-of-sample model that knows the truth but, like a student
   * trained on the weak labels, leans toward them: the low-quantile thresholds find the flips, the
   * confident-learning mean (quantile 0.5 here) finds few.
   */
  @Test
  void findsInjectedLabelErrorsWhereTheMeanThresholdDoesNot() {
    Random random = new Random(9);
    int n = 6000;
    int k = 3;
    int[] weak = new int[n];
    boolean[] flipped = new boolean[n];
    double[][] p = new double[n][];
    for (int i = 0; i < n; i++) {
      int truth = random.nextDouble() < 0.6 ? 0 : 1 + random.nextInt(2);
      weak[i] = truth;
      if (random.nextDouble() < 0.15) {
        weak[i] = (truth + 1 + random.nextInt(k - 1)) % k;
        flipped[i] = true;
      }
      double[] z = new double[k];
      for (int c = 0; c < k; c++) {
        z[c] = 0.8 * random.nextGaussian() + (c == truth ? 1.5 : 0) + (c == weak[i] ? 1.2 : 0);
      }
      p[i] = softmax(z);
    }
    double[] low = precisionRecall(weak, flipped, p, LabelErrorThresholds.DEFAULT_QUANTILE);
    double[] mean = precisionRecall(weak, flipped, p, 0.5);
    assertThat(low[0]).as("precision").isGreaterThan(0.6);
    assertThat(low[1]).as("recall").isGreaterThan(0.4);
    assertThat(mean[1]).as("recall at the mean").isLessThan(low[1] / 2);
  }

  private static double[] precisionRecall(
      int[] weak, boolean[] flipped, double[][] p, double quantile) {
    LabelErrorThresholds thresholds = new LabelErrorThresholds(p[0].length, quantile);
    for (int i = 0; i < weak.length; i++) {
      thresholds.observe(weak[i], p[i]);
    }
    LabelErrorDetector detector = thresholds.snapshot();
    int flags = 0;
    int hits = 0;
    int errors = 0;
    for (int i = 0; i < weak.length; i++) {
      boolean flagged = detector.check(weak[i], p[i]) instanceof LabelCheck.Flagged;
      flags += flagged ? 1 : 0;
      hits += flagged && flipped[i] ? 1 : 0;
      errors += flipped[i] ? 1 : 0;
    }
    return new double[] {(double) hits / Math.max(1, flags), (double) hits / errors};
  }

  private static double[] softmax(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    double[] out = new double[z.length];
    for (int c = 0; c < z.length; c++) {
      out[c] = Math.exp(z[c] - max);
      sum += out[c];
    }
    for (int c = 0; c < z.length; c++) {
      out[c] /= sum;
    }
    return out;
  }
}
