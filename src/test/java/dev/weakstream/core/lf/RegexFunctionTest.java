package dev.weakstream.core.lf;

import static dev.weakstream.core.LabelingFunction.ABSTAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.re2j.PatternSyntaxException;
import dev.weakstream.core.TextRecord;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RegexFunctionTest {

  private static int vote(RegexFunction lf, String text) {
    return lf.apply(TextRecord.of("id", text));
  }

  @Test
  void findsThePatternAnywhere() {
    RegexFunction lf = new RegexFunction("rx", 1, "check\\s+(it\\s+)?out", false);
    assertThat(vote(lf, "hey, check it out!")).isEqualTo(1);
    assertThat(vote(lf, "hey, CHECK it out!")).isEqualTo(ABSTAIN);
    assertThat(vote(lf, "")).isEqualTo(ABSTAIN);
  }

  @Test
  void ignoreCaseOption() {
    RegexFunction lf = new RegexFunction("rx", 0, "check\\s+out", true);
    assertThat(vote(lf, "CHECK OUT")).isEqualTo(0);
    assertThat(vote(new RegexFunction("rx", 0, "straße", true), "STRASSE or STRAẞE")).isEqualTo(0);
  }

  @Test
  void invalidPatternFailsWithTheRe2Message() {
    PatternSyntaxException e =
        assertThrows(PatternSyntaxException.class, () -> new RegexFunction("rx", 1, "(abc", false));
    assertThat(e.getMessage()).contains("missing closing )");
    assertThrows(PatternSyntaxException.class, () -> new RegexFunction("rx", 1, "(?=x)", false));
  }

  @Test
  void catastrophicBacktrackingPatternRunsInLinearTime() {
    RegexFunction lf = new RegexFunction("rx", 1, "(a+)+$", false);
    String hostile = "a".repeat(50_000) + "!";
    assertTimeoutPreemptively(
        Duration.ofSeconds(5), () -> assertThat(vote(lf, hostile)).isEqualTo(ABSTAIN));
  }
}
