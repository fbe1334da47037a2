package dev.weakstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code eval wrench --teacher} and {@code bench teacher} through the real command line. An
 * integration test: both commands run the pipeline on an embedded broker.
 */
@Tag("integration")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class TeacherCommandsIT {

  private static String run(int expectedExit, String... args) {
    CommandLineRun run = CommandLineRun.of(args);
    assertThat(run.exitCode()).as(run.err()).isEqualTo(expectedExit);
    return run.out();
  }

  @Test
  void evalWrenchWithATeacherAddsItsResultsToTheSameJsonShape() throws Exception {
    JsonNode json =
        new ObjectMapper()
            .readTree(
                run(
                    0,
                    "eval",
                    "wrench",
                    "src/test/resources/wrench/youtube",
                    "--label-model",
                    "mv",
                    "--teacher",
                    "minilm",
                    "--few-shot",
                    "labeled_ids",
                    "--json"));
    assertThat(json.get("dataset").asText()).isEqualTo("youtube");
    JsonNode results = json.get("results");
    assertThat(results.has("mv")).isTrue();
    for (String key : new String[] {"teacher_zeroshot", "teacher_fewshot", "combined"}) {
      assertThat(results.at("/" + key + "/accuracy").asDouble()).as(key).isBetween(0.0, 100.0);
    }
    assertThat(results.at("/combined/accuracy").asDouble()).isGreaterThanOrEqualTo(93.0);
  }

  @Test
  void evalWrenchTrainsAnEmbeddingStudentOnTheCombinedLabels() throws Exception {
    JsonNode json =
        new ObjectMapper()
            .readTree(
                run(
                    0,
                    "eval",
                    "wrench",
                    "src/test/resources/wrench/youtube",
                    "--label-model",
                    "mv",
                    "--teacher",
                    "minilm",
                    "--few-shot",
                    "labeled_ids",
                    "--student",
                    "embedding",
                    "--json"));
    JsonNode student = json.at("/results/student_embedding");
    assertThat(student.get("accuracy").asDouble()).isBetween(0.0, 100.0);
    assertThat(student.get("f1").isNumber()).isTrue();
    assertThat(json.at("/results/student_hashed").isMissingNode()).isTrue();
  }

  @Test
  void anEmbeddingStudentNeedsATeacherAndAKnownKind() {
    run(2, "eval", "wrench", "src/test/resources/wrench/youtube", "--student", "embedding");
    run(2, "eval", "wrench", "src/test/resources/wrench/youtube", "--student", "tfidf");
  }

  @Test
  void fewShotOnlyAcceptsLabeledIds() {
    run(
        2,
        "eval",
        "wrench",
        "src/test/resources/wrench/youtube",
        "--teacher",
        "minilm",
        "--few-shot",
        "valid");
  }

  @Test
  void benchTeacherReportsRawAndModelThroughputAndTheDevice() throws Exception {
    JsonNode json =
        new ObjectMapper().readTree(run(0, "bench", "teacher", "--count", "200", "--json"));
    assertThat(json.get("raw_rps").asDouble()).isPositive();
    assertThat(json.get("model_rps").asDouble()).isPositive();
    assertThat(json.get("device").asText()).isEqualTo("cpu");
    assertThat(json.get("stream_rps").asDouble()).isPositive();
    assertThat(json.get("stream_warmup_records").asInt()).isEqualTo(200);
    // The rates are printed rounded to whole records/s and the ratio to 3 decimals, so the ratio
    // of the printed rates can differ from the printed ratio by the rounding error alone.
    double stream = json.get("stream_rps").asDouble();
    double model = json.get("model_rps").asDouble();
    double roundingError = stream / model * (0.5 / stream + 0.5 / model) + 0.0005;
    assertThat(json.get("ratio").asDouble())
        .isEqualTo(stream / model, Offset.offset(roundingError + 1e-9));
  }
}
