package dev.weakstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weakstream.codec.RecordFileFormat;
import dev.weakstream.codec.RecordFileReader;
import dev.weakstream.core.LabelingFunction;
import dev.weakstream.core.LabelingFunctionSet;
import dev.weakstream.core.TextRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped pipelines vote through {@link LabelingFunctionSet#apply} (keyword and lexicon
 * functions in one pass) exactly as each function votes on its own, on every text of the bundled
 * YouTube corpus and of the WRENCH youtube, sms and trec splits in the test resources.
 */
class ShippedPipelineVotesTest {

  private static List<TextRecord> texts() throws IOException {
    List<TextRecord> records = new ArrayList<>();
    try (Stream<Path> csvs =
        Files.list(Path.of("src/main/resources/datasets/youtube-spam-collection"))) {
      for (Path csv : csvs.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
        RecordFileReader.read(
            csv,
            RecordFileFormat.CSV,
            row ->
                records.add(
                    new TextRecord(
                        "yt" + records.size(),
                        row.fields().get("CONTENT"),
                        Map.of("AUTHOR", row.fields().get("AUTHOR")))));
      }
    }
    ObjectMapper json = new ObjectMapper();
    for (String dataset : List.of("youtube", "sms", "trec")) {
      for (String split : List.of("train", "valid", "test")) {
        JsonNode rows =
            json.readTree(Path.of("src/test/resources/wrench", dataset, split + ".json").toFile());
        rows.forEach(
            row ->
                records.add(
                    TextRecord.of(dataset + records.size(), row.get("data").get("text").asText())));
      }
    }
    return records;
  }

  @ParameterizedTest
  @ValueSource(strings = {"topology/youtube-spam.yaml", "topology/sms-spam.yaml"})
  void everyFunctionVotesAsItDoesAlone(String file) throws IOException {
    LabelingFunctionSet set = PipelineLoader.load(Path.of(file)).labelingFunctions();
    List<TextRecord> records = texts();
    assertThat(records).hasSizeGreaterThan(10_000);
    int voted = 0;
    for (TextRecord record : records) {
      int[] alone = set.functions().stream().mapToInt(lf -> lf.apply(copy(record))).toArray();
      int[] together = set.apply(copy(record), LabelingFunctionSet.FaultListener.IGNORE);
      assertThat(together).as("votes on \"%s\"", record.text()).containsExactly(alone);
      for (int vote : alone) {
        voted += vote == LabelingFunction.ABSTAIN ? 0 : 1;
      }
    }
    assertThat(voted).isGreaterThan(records.size() / 4);
  }

  /** A record without the other path's cached views. */
  private static TextRecord copy(TextRecord record) {
    return new TextRecord(record.id(), record.text(), record.attributes());
  }
}
