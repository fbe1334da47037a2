package dev.weakstream.student;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StudentEvaluationTest {

  private static StudentScore says(String version, int label) {
    return StudentScore.of(
        "s", version, label == 0 ? new double[] {0.9, 0.1} : new double[] {0.1, 0.9});
  }

  @Test
  void agreementSlidesOverTheWindowAndAlertsOncePerVersion() {
    List<String> alerts = new ArrayList<>();
    LiveStudentEvaluation evaluation =
        new LiveStudentEvaluation(4, 0.6, (n, v, a, w) -> alerts.add(v + "@" + a));
    assertThat(evaluation.agreement(LiveStudentEvaluation.Role.ACTIVE)).isNaN();
    for (int i = 0; i < 4; i++) {
      evaluation.observe(says("1", 1), null, 1, null);
    }
    assertThat(evaluation.agreement(LiveStudentEvaluation.Role.ACTIVE)).isEqualTo(1.0);
    evaluation.observe(says("1", 0), null, 1, 1);
    evaluation.observe(says("1", 0), null, 1, 0);
    assertThat(evaluation.agreement(LiveStudentEvaluation.Role.ACTIVE))
        .isCloseTo(0.5, within(1e-12));
    assertThat(evaluation.goldAccuracy(LiveStudentEvaluation.Role.ACTIVE))
        .isCloseTo(0.5, within(1e-12));
    evaluation.observe(says("1", 0), null, 1, null);
    assertThat(alerts).containsExactly("1@0.5");
    // a new version starts a fresh window, and may alert again
    evaluation.observe(says("2", 1), says("c", 0), 1, null);
    assertThat(evaluation.agreement(LiveStudentEvaluation.Role.ACTIVE)).isEqualTo(1.0);
    assertThat(evaluation.agreement(LiveStudentEvaluation.Role.CANDIDATE)).isEqualTo(0.0);
    assertThat(evaluation.scored(LiveStudentEvaluation.Role.ACTIVE)).isEqualTo(1);
    for (int i = 0; i < 4; i++) {
      evaluation.observe(says("2", 0), null, 1, null);
    }
    assertThat(alerts).containsExactly("1@0.5", "2@0.25");
  }

  @Test
  void zeroThresholdNeverAlerts() {
    List<String> alerts = new ArrayList<>();
    LiveStudentEvaluation evaluation =
        new LiveStudentEvaluation(2, 0.0, (n, v, a, w) -> alerts.add(v));
    for (int i = 0; i < 5; i++) {
      evaluation.observe(says("1", 0), null, 1, null);
    }
    assertThat(alerts).isEmpty();
  }
}
