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
