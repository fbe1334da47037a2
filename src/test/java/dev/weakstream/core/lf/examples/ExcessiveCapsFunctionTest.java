package dev.weakstream.core.lf.examples;

import static dev.weakstream.core.LabelingFunction.ABSTAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weakstream.core.TextRecord;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExcessiveCapsFunctionTest {

  private static final ExcessiveCapsFunction DEFAULTS =
      new ExcessiveCapsFunction("caps", 1, Map.of());

  private static int vote(ExcessiveCapsFunction lf, String text) {
    return lf.apply(TextRecord.of("id", text));
  }

  @Test
  void votesWhenMostLettersAreUpperCase() {
    assertThat(vote(DEFAULTS, "SUBSCRIBE TO MY CHANNEL NOW")).isEqualTo(1);
    assertThat(vote(DEFAULTS, "Subscribe to my channel now")).isEqualTo(ABSTAIN);
  }

  @Test
  void shortShoutsAndEmptyTextsAbstain() {
    assertThat(vote(DEFAULTS, "LOL!!! OMG")).isEqualTo(ABSTAIN);
    assertThat(vote(DEFAULTS, "")).isEqualTo(ABSTAIN);
    assertThat(vote(DEFAULTS, "1234567890 !!!")).isEqualTo(ABSTAIN);
  }

  @Test
  void optionsSetThresholdAndMinimumLetters() {
    ExcessiveCapsFunction lf =
        new ExcessiveCapsFunction("caps", 1, Map.of("threshold", 0.25, "min_letters", 3));
    assertThat(vote(lf, "LOL ok")).isEqualTo(1);
    assertThat(vote(new ExcessiveCapsFunction("caps", 1, Map.of("min_letters", 3)), "ÇA VA"))
        .isEqualTo(1);
  }

  @Test
  void rejectsBadOptionsAndMissingLabel() {
    assertThrows(
        IllegalArgumentException.class, () -> new ExcessiveCapsFunction("caps", -1, Map.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ExcessiveCapsFunction("caps", 1, Map.of("treshold", 0.5)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ExcessiveCapsFunction("caps", 1, Map.of("threshold", 1.5)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ExcessiveCapsFunction("caps", 1, Map.of("threshold", "high")));
  }
}
