package dev.weakstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every broken fixture under {@code pipelines/broken/} fails to load with a message that names the
 * file, the line, the field and gives a fix.
 */
class BrokenPipelineDefinitionTest {

  static Stream<Arguments> brokenFiles() {
    return Stream.of(
        Arguments.of(
            "unknown-kind",
            19,
            "labeling_functions[1].kind",
            "unknown kind 'lenght' — did you mean 'length'?",
            "keywords, regex, length, attribute, lexicon, java"),
        Arguments.of(
            "duplicate-name",
            18,
            "labeling_functions[1].name",
            "duplicate labeling function name 'keyword_subscribe' (also labeling_functions[0])",
            "unique name"),
        Arguments.of(
            "undeclared-label",
            21,
            "labeling_functions[1].label",
            "label 'GOOD' is not a declared class",
            "use one of the classes: HAM (0), SPAM (1)"),
        Arguments.of(
            "missing-pattern",
            18,
            "labeling_functions[1].pattern",
            "required field 'pattern' is missing",
            "add 'pattern:'"),
        Arguments.of(
            "unknown-field",
            20,
            "labeling_functions[1].wrods",
            "unknown field 'wrods' — did you mean 'words'?",
            "valid fields here:"),
        Arguments.of(
            "bad-regex",
            20,
            "labeling_functions[1].pattern",
            "invalid RE2 regular expression: error parsing regexp: missing closing )",
            "correct the pattern"),
        Arguments.of(
            "missing-lexicon",
            20,
            "labeling_functions[1].file",
            "lexicon file 'lexicons/no-such-file.txt' not found",
            "relative to the directory of"),
        Arguments.of(
            "java-class-not-found",
            20,
            "labeling_functions[1].class",
            "class 'dev.weakstream.core.lf.examples.NoSuchFunction' could not be loaded",
            "fully qualified name"),
        Arguments.of(
            "java-not-a-labeling-function",
            20,
            "labeling_functions[1].class",
            "does not implement dev.weakstream.core.LabelingFunction",
            "public constructor (String name, int label, Map<String, Object> options)"),
        Arguments.of(
            "java-wrong-name",
            20,
            "labeling_functions[1].class",
            "returns name() 'always_this_name' but the definition names it 'caps'",
            "make name() return the name passed to the constructor"),
        Arguments.of(
            "java-bad-options",
            22,
            "labeling_functions[1].options",
            "rejected its settings: option 'threshold' must be in (0, 1), was 3.0",
            "correct 'label' or 'options'"),
        Arguments.of(
            "attribute-not-mapped",
            20,
            "labeling_functions[1].field",
            "attribute 'AUTHR' is not mapped in input.fields.attributes [AUTHOR] — did you mean 'AUTHOR'?",
            "add it to input.fields.attributes"),
        Arguments.of(
            "length-without-bounds",
            18,
            "labeling_functions[1].min",
            "required field 'min' is missing",
            "give 'min:', 'max:' or both"),
        Arguments.of(
            "class-ids-not-dense",
            3,
            "classes",
            "class ids must be dense 0..1, found [0, 2]",
            "number the classes 0, 1, ..."),
        Arguments.of(
            "bad-format",
            7,
            "input.format",
            "unknown value 'xml'; expected one of avro, json",
            "write 'format: avro' or 'format: json'"),
        Arguments.of(
            "zero-partitions",
            9,
            "output.partitions",
            "must be at least 1, was 0",
            "use 1 or more"),
        Arguments.of(
            "unknown-section",
            7,
            "labeling_function",
            "unknown field 'labeling_function' — did you mean 'labeling_functions'?",
            "label_model"),
        Arguments.of(
            "unknown-label-model",
            10,
            "label_model.name",
            "unknown label model 'snorkel'",
            "use one of mv, ds"),
        Arguments.of(
            "missing-output",
            1,
            "output",
            "required field 'output' is missing",
            "add an 'output:' section"),
        Arguments.of("invalid-yaml", 4, "", "not valid YAML", "correct the YAML syntax"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenFiles")
  void failsWithFileLineFieldAndFix(
      String fixture, int line, String field, String problem, String fix) throws Exception {
    Path file = fixture(fixture);

    PipelineDefinitionException e =
        assertThrows(PipelineDefinitionException.class, () -> PipelineLoader.load(file));

    assertThat(e.getMessage())
        .startsWith(file + ":" + line + ":")
        .contains(fixture + ".yaml")
        .contains(field.isEmpty() ? ": " : ": " + field + ": ")
        .contains(problem)
        .contains("Fix: ")
        .contains(fix);
    assertThat(e.line()).isEqualTo(line);
    assertThat(e.field()).isEqualTo(field);
  }

  static Path fixture(String name) throws URISyntaxException {
    return Path.of(
        BrokenPipelineDefinitionTest.class
            .getResource("/pipelines/broken/" + name + ".yaml")
            .toURI());
  }
}
