package dev.weakstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weakstream.labelmodel.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Keys with a fixed set of values are read into enums: their YAML spellings (any case) load, and
 * anything else fails at load with the file, line, field, the value and the accepted ones.
 */
class ChoiceFieldTest {

  /** A valid definition: line 7 is 'format: json', lines 13-15 hold the optional sections. */
  private static final String PIPELINE =
      """
      name: choices
      classes:
        - {id: 0, name: HAM}
        - {id: 1, name: SPAM}
      input:
        topic: comments
        format: json
      output:
        labeled_topic: comments-labeled
        dead_letter_topic: comments-dead-letters
      labeling_functions:
        - {name: keyword_free, kind: keywords, words: [free], label: SPAM}
      label_model: {selection_metric: accuracy}
      teachers: [{name: minilm, mode: fewshot, query: uncovered}]
      student: {features: hashed}
      """;

  @TempDir Path dir;

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("choices.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void theYamlSpellingsLoadIntoEnumsInAnyCase() throws Exception {
    PipelineDefinition p =
        PipelineLoader.load(
            write(
                PIPELINE
                    .replace("format: json", "format: AVRO")
                    .replace("selection_metric: accuracy", "selection_metric: F1")
                    .replace("mode: fewshot, query: uncovered", "mode: ZeroShot, query: Always")
                    .replace("features: hashed", "features: HASHED")));

    assertThat(p.input().format()).isEqualTo(InputFormat.AVRO);
    assertThat(p.labelModel().selectionMetric()).isEqualTo(Metric.F1_POSITIVE);
    assertThat(p.teachers().get(0).mode()).isEqualTo(TeacherReference.Mode.ZEROSHOT);
    assertThat(p.teachers().get(0).query()).isEqualTo(TeacherDefinition.Query.ALWAYS);
    assertThat(p.student().features()).isEqualTo(StudentDefinition.Features.HASHED);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "format: json | format: xml | 7 | input.format | xml | avro, json",
        "selection_metric: accuracy | selection_metric: precision | 13"
            + " | label_model.selection_metric | precision | accuracy, f1",
        "query: uncovered | query: sometimes | 14 | teachers[0].query | sometimes"
            + " | uncovered, low_confidence, always",
        "mode: fewshot | mode: oneshot | 14 | teachers[0].mode | oneshot | zeroshot, fewshot",
        "features: hashed | features: tfidf | 15 | student.features | tfidf | hashed, embedding",
      })
  void anUnknownValueNamesFileLineFieldValueAndTheAcceptedOnes(
      String valid, String broken, int line, String field, String value, String accepted)
      throws Exception {
    Path file = write(PIPELINE.replace(valid, broken));

    PipelineDefinitionException e =
        assertThrows(PipelineDefinitionException.class, () -> PipelineLoader.load(file));

    assertThat(e.getMessage())
        .startsWith(file + ":" + line + ":")
        .contains(
            ": " + field + ": unknown value '" + value + "'; expected one of " + accepted + ".")
        .contains("Fix: ");
    assertThat(e.line()).isEqualTo(line);
    assertThat(e.field()).isEqualTo(field);
  }

  @Test
  void aNearMissGetsADidYouMean() throws Exception {
    Path file = write(PIPELINE.replace("features: hashed", "features: hashd"));

    PipelineDefinitionException e =
        assertThrows(PipelineDefinitionException.class, () -> PipelineLoader.load(file));

    assertThat(e.getMessage())
        .contains(
            "student.features: unknown value 'hashd'; expected one of hashed, embedding"
                + " — did you mean 'hashed'? Fix: use hashed or embedding");
  }

  @Test
  void aNullValueIsRejectedWithTheAcceptedOnes() throws Exception {
    Path file = write(PIPELINE.replace("selection_metric: accuracy", "selection_metric: null"));

    PipelineDefinitionException e =
        assertThrows(PipelineDefinitionException.class, () -> PipelineLoader.load(file));

    assertThat(e.getMessage())
        .contains("label_model.selection_metric: needs a value; expected one of accuracy, f1");
  }
}
