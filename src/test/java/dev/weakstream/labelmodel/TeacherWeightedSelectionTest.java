package dev.weakstream.labelmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weakstream.core.Prediction;
import dev.weakstream.core.VoteRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Teacher weighting: the weight's extremes, and selection on a dev set where the LFs drifted. */
class TeacherWeightedSelectionTest {

  /** Three LFs of accuracy 0.8 (on train) plus a teacher soft vote of accuracy ~0.9. */
  private static VoteRow row(Random r, int y, double lfAccuracy, String key) {
    int[] votes = new int[4];
    for (int j = 0; j < 3; j++) {
      votes[j] = r.nextDouble() < 0.6 ? (r.nextDouble() < lfAccuracy ? y : 1 - y) : -1;
    }
    int t = r.nextDouble() < 0.9 ? y : 1 - y;
    double conf = 0.75 + 0.2 * r.nextDouble();
    double[][] soft = new double[4][];
    soft[3] = t == 0 ? new double[] {conf, 1 - conf} : new double[] {1 - conf, conf};
    votes[3] = t;
    return new VoteRow(votes, soft, key);
  }

  @Test
  void weightZeroIgnoresTheTeacherAndInfinityFollowsIt() {
    VoteStatistics stats = new VoteStatistics(4, 2);
    Random r = new Random(1);
    for (int i = 0; i < 2000; i++) {
      stats.update(row(r, i % 2, 0.8, "k" + i));
    }
    DawidSkeneModel joint = new DawidSkeneFitter("ds", DawidSkeneConfig.DEFAULT).fit(stats);
    double[][] soft = new double[4][];
    soft[3] = new double[] {0.2, 0.8};
    VoteRow row = new VoteRow(new int[] {0, 0, -1, 1}, soft, "x");
    assertThat(new SourceWeightedLabeler(joint, 3, 0).predict(row).label()).isEqualTo(0);
    assertThat(new SourceWeightedLabeler(joint, 3, Double.POSITIVE_INFINITY).predict(row).label())
        .isEqualTo(1);
    Prediction plain = new SourceWeightedLabeler(joint, 3, 1).predict(row);
    assertThat(plain.probabilities()).containsExactly(joint.predict(row).probabilities());
  }

  @Test
  void selectsAHighTeacherWeightWhenTheLfsDriftedOnTheDevSet() {
    VoteStatistics stats = new VoteStatistics(4, 2);
    Random r = new Random(2);
    for (int i = 0; i < 3000; i++) {
      stats.update(row(r, i % 2, 0.85, "t" + i));
    }
    List<VoteRow> devRows = new ArrayList<>();
    int[] gold = new int[400];
    for (int i = 0; i < gold.length; i++) {
      gold[i] = i % 2;
      devRows.add(row(r, gold[i], 0.35, "d" + i)); // LFs now mostly wrong
    }
    DevSet dev = new DevSet(devRows, gold, Metric.ACCURACY);
    TeacherWeightedSelection.Outcome outcome = new TeacherWeightedSelection().fit(stats, dev, 3);
    assertThat(outcome.weight()).isGreaterThanOrEqualTo(4);
    assertThat(dev.score(outcome.labeler())).isGreaterThan(0.85);
    assertThat(outcome.candidates())
        .hasSize(
            TeacherWeightedSelection.WEIGHTS.length * TeacherWeightedSelection.PRIOR_SHIFTS.length);
  }
}
