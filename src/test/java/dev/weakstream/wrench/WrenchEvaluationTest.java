package dev.weakstream.wrench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weakstream.core.MajorityVote;
import dev.weakstream.core.VoteRow;
import dev.weakstream.labelmodel.DawidSkeneFitter;
import dev.weakstream.labelmodel.DawidSkeneModel;
import dev.weakstream.labelmodel.HyperparameterSelection;
import dev.weakstream.labelmodel.LabelModelFactory;
import dev.weakstream.labelmodel.Metric;
import dev.weakstream.labelmodel.VoteStatistics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WRENCH protocol on the repository copies of youtube, sms and trec. */
class WrenchEvaluationTest {

  private static WrenchEvaluation.Report evaluate(String name) {
    WrenchDataset data = WrenchDataset.load(Path.of("src/test/resources/wrench", name));
    return WrenchEvaluation.evaluate(data, List.of("mv", LabelModelFactory.DEFAULT));
  }

  @Test
  void loadsSplitsInFileOrder() {
    WrenchDataset data = WrenchDataset.load(Path.of("src/test/resources/wrench/youtube"));
    assertThat(data.name()).isEqualTo("youtube");
    assertThat(data.classNames()).containsExactly("HAM", "SPAM");
    assertThat(data.numSources()).isEqualTo(10);
    assertThat(data.train().size()).isEqualTo(1686);
    assertThat(data.valid().size()).isEqualTo(120);
    assertThat(data.test().size()).isEqualTo(250);
    assertThat(data.test().rows().get(7).index()).isEqualTo(7);
    assertThat(data.labeledIds()).isNotEmpty();
  }

  @Test
  void trainRowsMayLackGoldButTestRowsMayNot(@TempDir Path dir) throws Exception {
    String row = "{\"0\": {\"label\": %s, \"weak_labels\": [1, -1], \"data\": {\"text\": \"t\"}}}";
    Files.writeString(dir.resolve("label.json"), "{\"0\": \"a\", \"1\": \"b\"}");
    Files.writeString(dir.resolve("train.json"), String.format(row, "-1"));
    Files.writeString(dir.resolve("valid.json"), String.format(row, "1"));
    Files.writeString(dir.resolve("test.json"), String.format(row, "0"));
    assertThat(WrenchDataset.load(dir).train().rows().get(0).label())
        .isEqualTo(WrenchDataset.UNKNOWN_LABEL);

    Files.writeString(dir.resolve("test.json"), String.format(row, "-1"));
    assertThrows(IllegalArgumentException.class, () -> WrenchDataset.load(dir));
  }

  @Test
  void majorityVoteReproducesWrenchExactly() {
    assertThat(100 * evaluate("youtube").results().get("mv").testAccuracy())
        .isCloseTo(84.00, within(1e-9));
    assertThat(100 * evaluate("sms").results().get("mv").testF1()).isCloseTo(23.97, within(0.005));
    assertThat(100 * evaluate("trec").results().get("mv").testAccuracy())
        .isCloseTo(60.80, within(1e-9));
  }

  @Test
  void theMajorityConfigurationLabelsExactlyAsMajorityVote() {
    for (String name : List.of("youtube", "sms", "trec")) {
      WrenchDataset data = WrenchDataset.load(Path.of("src/test/resources/wrench", name));
      VoteStatistics stats = new VoteStatistics(data.numSources(), data.numClasses());
      data.train().voteRows().forEach(stats::update);
      DawidSkeneModel majority =
          new DawidSkeneFitter("majority", HyperparameterSelection.REFERENCE).fit(stats);
      MajorityVote mv = new MajorityVote(data.numClasses());
      for (VoteRow row : data.test().voteRows()) {
        assertThat(majority.predict(row).label())
            .as(name + " " + row)
            .isEqualTo(mv.predict(row).label());
      }
    }
  }

  @Test
  void defaultLabelModelMeetsTheTargets() {
    WrenchEvaluation.Report youtube = evaluate("youtube");
    WrenchEvaluation.Report sms = evaluate("sms");
    WrenchEvaluation.Report trec = evaluate("trec");
    String model = LabelModelFactory.DEFAULT;

    assertThat(youtube.metric()).isEqualTo(Metric.ACCURACY);
    assertThat(sms.metric()).isEqualTo(Metric.F1_POSITIVE);
    assertThat(100 * youtube.results().get(model).testAccuracy()).isGreaterThanOrEqualTo(85.0);
    assertThat(100 * trec.results().get(model).testAccuracy()).isGreaterThanOrEqualTo(65.0);
    for (WrenchEvaluation.Report r : List.of(youtube, sms, trec)) {
      assertThat(r.results().get(model).test(r.metric()))
          .as(r.dataset())
          .isGreaterThanOrEqualTo(r.results().get("mv").test(r.metric()) - 0.01);
    }
  }
}
