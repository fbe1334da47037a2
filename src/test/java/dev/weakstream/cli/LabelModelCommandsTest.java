package dev.weakstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class LabelModelCommandsTest {

  private static String run(String... args) {
    CommandLineRun run = CommandLineRun.of(args);
    assertThat(run.exitCode()).as(run.err()).isZero();
    return run.out();
  }

  @Test
  void evalWrenchPrintsOneJsonObject() throws Exception {
    String out =
        run("eval", "wrench", "src/test/resources/wrench/youtube", "--label-model", "ds", "--json");
    JsonNode json = new ObjectMapper().readTree(out);
    assertThat(json.get("dataset").asText()).isEqualTo("youtube");
    assertThat(json.get("metric").asText()).isEqualTo("accuracy");
    assertThat(json.get("default").asText()).isNotBlank();
    assertThat(json.get("results").size()).isEqualTo(2);
    assertThat(json.at("/results/mv/accuracy").asDouble()).isEqualTo(84.0);
    assertThat(json.at("/results/ds/f1").isNumber()).isTrue();
  }

  @Test
  void evalWrenchWithoutAModelEvaluatesAllShipped() throws Exception {
    JsonNode json =
        new ObjectMapper()
            .readTree(run("eval", "wrench", "src/test/resources/wrench/sms", "--json"));
    assertThat(json.get("metric").asText()).isEqualTo("f1");
    assertThat(json.get("results").has(json.get("default").asText())).isTrue();
    assertThat(json.at("/results/mv/f1").asDouble()).isEqualTo(23.9669);
  }

  @Test
  void evalWrenchGivesTheDefaultModelATrustObjectWithTheIssuesKeys() throws Exception {
    JsonNode json =
        new ObjectMapper()
            .readTree(
                run(
                    "eval",
                    "wrench",
                    "src/test/resources/wrench/youtube",
                    "--alpha",
                    "0.2",
                    "--json"));
    JsonNode trust = json.at("/results/" + json.get("default").asText() + "/trust");
    java.util.List<String> keys = new java.util.ArrayList<>();
    trust.fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly(
            "ece_raw",
            "ece_calibrated",
            "coverage",
            "mean_set_size",
            "alpha",
            "flagged",
            "flag_precision",
            "flag_recall");
    assertThat(trust.get("alpha").asDouble()).isEqualTo(0.2);
    assertThat(trust.get("coverage").asDouble()).isBetween(0.7, 0.92);
    assertThat(trust.get("ece_calibrated").asDouble())
        .isLessThanOrEqualTo(trust.get("ece_raw").asDouble());
    assertThat(json.at("/results/mv/trust").isMissingNode()).isTrue();
  }

  @Test
  void evalWrenchRejectsAnAlphaOutsideZeroToOne() {
    CommandLineRun run =
        CommandLineRun.of("eval", "wrench", "src/test/resources/wrench/youtube", "--alpha", "1.5");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--alpha must be in (0, 1)");
  }

  @Test
  void evalWrenchTableShowsTheTrustColumns() {
    String table =
        run("eval", "wrench", "src/test/resources/wrench/youtube", "--label-model", "ds-select");
    assertThat(table).contains("coverage", "set size", "flag P", "ece cal");
    assertThat(table).containsPattern("(?m)^ds-select\\s+0\\.\\d{4}\\s+0\\.\\d{4}");
  }

  @Test
  void evalWrenchTrainsAHashedStudentWithoutATeacher() throws Exception {
    JsonNode json =
        new ObjectMapper()
            .readTree(
                run(
                    "eval",
                    "wrench",
                    "src/test/resources/wrench/youtube",
                    "--label-model",
                    "mv",
                    "--student",
                    "hashed",
                    "--json"));
    assertThat(json.get("results").size()).isEqualTo(2);
    assertThat(json.at("/results/student_hashed/accuracy").asDouble()).isBetween(0.0, 100.0);
    assertThat(json.at("/results/student_hashed/f1").isNumber()).isTrue();
    assertThat(json.at("/results/student_hashed/trust/coverage").isNumber()).isTrue();
  }

  @Test
  void benchPrintsTheThreeKeys() throws Exception {
    JsonNode json =
        new ObjectMapper().readTree(run("bench", "labelmodel", "--records", "100000", "--json"));
    assertThat(json.size()).isEqualTo(3);
    assertThat(json.get("score_rps").asDouble()).isPositive();
    assertThat(json.get("refit_seconds").asDouble()).isPositive();
    assertThat(json.get("accuracy_mae").asDouble()).isBetween(0.0, 0.05);
  }
}
