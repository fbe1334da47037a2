package dev.weakstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weakstream.core.LabelingFunction;
import dev.weakstream.core.lf.RegexFunction;
import dev.weakstream.core.lf.TimedFunction;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Regular expressions whose counted repetitions unroll into millions of instructions are refused at
 * load, at once, with the file, the line and a fix — instead of loading and then taking seconds per
 * text, or compiling for minutes until the heap runs out.
 */
class RegexBombDefinitionTest {

  private static Path broken(String name) throws URISyntaxException {
    return Path.of(
        RegexBombDefinitionTest.class.getResource("/pipelines/broken/" + name + ".yaml").toURI());
  }

  @ParameterizedTest
  @CsvSource({
    "regex-bomb, 20, labeling_functions[1].pattern, '((a{1000}){1000}){1000}'",
    "regex-bomb-100, 20, labeling_functions[1].pattern, '((a{100}){100}){100}'",
    "attribute-regex-bomb, 17, labeling_functions[0].matches, '(x{50}|y){50}){50}'",
  })
  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aPatternThatUnrollsTooFarIsRefusedAtLoad(String file, int line, String field, String repeat)
      throws Exception {
    Path path = broken(file);
    PipelineDefinitionException e =
        assertThrows(PipelineDefinitionException.class, () -> PipelineLoader.load(path));
    assertThat(e.getMessage())
        .startsWith(path + ":" + line + ":")
        .contains(field + ": regular expression too large: nested counted repetitions multiply")
        .contains(repeat)
        .contains("at most 1000")
        .contains("Fix: use * or + instead of large counts");
    assertThat(e.line()).isEqualTo(line);
  }

  @Test
  void theTimeBudgetIsReadAndItsRangeChecked(@TempDir Path dir) throws Exception {
    Path valid = Path.of(getClass().getResource("/pipelines/valid.yaml").toURI());
    Files.createDirectories(dir.resolve("lexicons"));
    Files.copy(valid.resolveSibling("lexicons/music.txt"), dir.resolve("lexicons/music.txt"));
    String yaml =
        Files.readString(valid)
            .replace(
                "    ignore_case: true\n    label: spam\n",
                "    ignore_case: true\n    time_budget_ms: 0\n    label: spam\n");
    assertThat(yaml).contains("time_budget_ms: 0");
    Path file = dir.resolve("budget.yaml");
    Files.writeString(file, yaml);
    PipelineDefinitionException e =
        assertThrows(PipelineDefinitionException.class, () -> PipelineLoader.load(file));
    assertThat(e.getMessage())
        .contains("labeling_functions[2].time_budget_ms: must be in [1, 1000] milliseconds");

    Files.writeString(file, yaml.replace("time_budget_ms: 0", "time_budget_ms: 25"));
    var functions = PipelineLoader.load(file).labelingFunctions().functions();
    assertThat(((RegexFunction) functions.get(2)).budgetNanos()).isEqualTo(25_000_000L);
    assertThat(
            ((RegexFunction) PipelineLoader.load(valid).labelingFunctions().functions().get(2))
                .budgetNanos())
        .isEqualTo(10_000_000L);
    assertThat(PipelineLoader.load(valid).labelingFunctions().functions().get(8))
        .isNotInstanceOf(TimedFunction.class);
    Files.writeString(
        file,
        yaml.replace("time_budget_ms: 0", "time_budget_ms: 25")
            .replace(
                "    label: SPAM\n    options:",
                "    label: SPAM\n    time_budget_ms: 50\n    options:"));
    LabelingFunction caps = PipelineLoader.load(file).labelingFunctions().functions().get(8);
    assertThat(caps).isInstanceOf(TimedFunction.class);
    assertThat(caps.name()).isEqualTo("caps");
  }
}
