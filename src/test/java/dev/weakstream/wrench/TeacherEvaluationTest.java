package dev.weakstream.wrench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weakstream.labelmodel.LabelModelFactory;
import dev.weakstream.labelmodel.Metric;
import dev.weakstream.teacher.SentenceEncoder;
import dev.weakstream.teacher.TeacherManifests;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The MiniLM teacher on WRENCH (few-shot head on labeled_ids only, combined through the default
 * label model), against the acceptance targets: combined at least the target and at least the
 * better of teacher_fewshot and the LF-only default label model minus one point.
 */
class TeacherEvaluationTest {

  private static void check(String name, double target) {
    WrenchDataset data = WrenchDataset.load(Path.of("src/test/resources/wrench", name));
    Metric metric = WrenchMetrics.forDataset(name);
    WrenchEvaluation.Report lfOnly =
        WrenchEvaluation.evaluate(data, List.of(LabelModelFactory.DEFAULT));
    TeacherEvaluation.Result result;
    try (SentenceEncoder encoder =
        SentenceEncoder.open(TeacherManifests.byName("minilm"), 20_000)) {
      result = TeacherEvaluation.evaluate(data, encoder, true, 42);
    }
    double combined = result.results().get("combined").test(metric);
    double fewShot = result.results().get("teacher_fewshot").test(metric);
    double lf = lfOnly.results().get(LabelModelFactory.DEFAULT).test(metric);
    assertThat(result.results()).containsKeys("teacher_zeroshot", "teacher_fewshot", "combined");
    assertThat(result.device()).isEqualTo("cpu");
    assertThat(combined).as(name + " combined vs target").isGreaterThanOrEqualTo(target);
    assertThat(combined)
        .as(name + " combined vs its inputs")
        .isGreaterThanOrEqualTo(Math.max(fewShot, lf) - 0.01);
  }

  @Test
  void youtubeCombinedMeetsTheTarget() {
    check("youtube", 0.93);
  }

  @Test
  @Tag("slow")
  void smsCombinedMeetsTheTarget() {
    check("sms", 0.80);
  }

  @Test
  @Tag("slow")
  void trecCombinedMeetsTheTarget() {
    check("trec", 0.72);
  }
}
