package dev.weakstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weakstream.pipeline.PipelineLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench lfs} through the real command line, with one short round. */
class BenchLfsCommandTest {

  private static final String[] ONE_SHORT_ROUND = {
    "--rounds", "1", "--warmup-rounds", "0", "--repeat", "1", "--json"
  };

  @Test
  void measuresTheSetAndEveryFunctionOnTheBundledCorpus() throws Exception {
    CommandLineRun run = run(List.of("bench", "lfs"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());

    assertThat(json.get("records").asInt()).isEqualTo(1_956);
    List<String> names = new ArrayList<>();
    double sum = 0;
    for (JsonNode lf : json.get("lfs")) {
      names.add(lf.get("name").asText());
      assertThat(lf.get("us").asDouble()).as(lf.get("name").asText()).isPositive();
      sum += lf.get("us").asDouble();
    }
    assertThat(names)
        .isEqualTo(
            PipelineLoader.load(Path.of("topology/youtube-spam.yaml")).labelingFunctions().names());
    assertThat(json.get("set_us").asDouble()).isPositive();
    assertThat(json.get("one_by_one_us").asDouble()).isCloseTo(sum, offset(0.01));
  }

  @Test
  void readsAFileByThePipelinesFieldsAndReportsTheRowsItSkips(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("comments.jsonl");
    Files.writeString(
        file,
        String.join(
            "\n",
            "{\"COMMENT_ID\": \"a\", \"CONTENT\": \"Check out my channel http://x.com\", \"AUTHOR\": \"Promo TV\"}",
            "{\"COMMENT_ID\": \"b\", \"CONTENT\": \"\"}",
            "not json",
            "{\"COMMENT_ID\": \"c\", \"CONTENT\": \"love this song\"}",
            "{\"COMMENT_ID\": \"d\"}"));
    CommandLineRun run = run(List.of("bench", "lfs", "--file", file.toString()));
    assertThat(run.exitCode()).as(run.err()).isZero();

    assertThat(new ObjectMapper().readTree(run.out()).get("records").asInt()).isEqualTo(2);
    assertThat(run.err())
        .contains("line 3")
        .contains("line 2 skipped")
        .contains("line 5 skipped")
        .contains("3 rows skipped");
  }

  @Test
  void aFileWithoutThePipelinesFieldsIsAnError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("other.csv");
    Files.writeString(file, "id,body\n1,hello\n");
    CommandLineRun run = run(List.of("bench", "lfs", "--file", file.toString()));

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("no row maps to a record of pipeline 'youtube-spam'");
  }

  private static CommandLineRun run(List<String> command) {
    List<String> args = new ArrayList<>(command);
    args.addAll(List.of(ONE_SHORT_ROUND));
    return CommandLineRun.of(args.toArray(String[]::new));
  }
}
