package dev.weakstream.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.pipeline.PipelineLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldSeedFileTest {

  @TempDir Path dir;

  private PipelineDefinition pipeline() throws Exception {
    Path yaml = dir.resolve("p.yaml");
    Files.writeString(
        yaml,
        """
        name: seeds
        classes: [{id: 0, name: ham}, {id: 1, name: spam}]
        input: {topic: in, format: json, fields: {text: text, gold_label: label}}
        output: {labeled_topic: out, dead_letter_topic: dlq}
        labeling_functions:
          - {name: kw, kind: keywords, words: [free], label: spam}
        """);
    return PipelineLoader.load(yaml);
  }

  @Test
  void readsTextsAndGoldLabelsByTheInputFieldNames() throws Exception {
    Path csv = dir.resolve("seeds.csv");
    Files.writeString(
        csv, "label,text\nspam,\"WIN a prize, call now\"\nham,see you at 8\n1,free entry\n");
    assertThat(GoldSeedFile.read(csv, pipeline()))
        .containsExactly(
            new GoldSeedFile.Seed("WIN a prize, call now", 1),
            new GoldSeedFile.Seed("see you at 8", 0),
            new GoldSeedFile.Seed("free entry", 1));
  }

  @Test
  void theFirstBadRowFailsTheReadWithItsLine() throws Exception {
    Path tsv = dir.resolve("seeds.tsv");
    Files.writeString(tsv, "label\ttext\nham\thello\neggs\tnot a class\n\tno label\n");
    assertThatThrownBy(() -> GoldSeedFile.read(tsv, pipeline()))
        .hasMessageContaining("seeds.tsv:3")
        .hasMessageContaining("eggs");
    Path unlabeled = dir.resolve("unlabeled.jsonl");
    Files.writeString(unlabeled, "{\"text\": \"hello\"}\n");
    assertThatThrownBy(() -> GoldSeedFile.read(unlabeled, pipeline()))
        .hasMessageContaining("unlabeled.jsonl:1")
        .hasMessageContaining("no gold label");
  }
}
