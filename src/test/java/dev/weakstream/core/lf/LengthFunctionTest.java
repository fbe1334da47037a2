package dev.weakstream.core.lf;

import static dev.weakstream.core.LabelingFunction.ABSTAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weakstream.core.TextRecord;
import org.junit.jupiter.api.Test;

class LengthFunctionTest {

  private static int vote(LengthFunction lf, String text) {
    return lf.apply(TextRecord.of("id", text));
  }

  @Test
  void tokenBoundsAreInclusive() {
    LengthFunction lf = new LengthFunction("short", 0, LengthUnit.TOKENS, 1, 3);
    assertThat(vote(lf, "")).isEqualTo(ABSTAIN);
    assertThat(vote(lf, "wow")).isEqualTo(0);
    assertThat(vote(lf, "cool video, man!!!")).isEqualTo(0);
    assertThat(vote(lf, "cool video, man, really")).isEqualTo(ABSTAIN);
  }

  @Test
  void onlyMaxMeansAnythingUpToIt() {
    LengthFunction lf = new LengthFunction("short", 0, LengthUnit.TOKENS, LengthFunction.NO_MIN, 2);
    assertThat(vote(lf, "")).isEqualTo(0);
    assertThat(vote(lf, "  !!! :) ")).isEqualTo(0);
  }

  @Test
  void onlyMinMeansAtLeastIt() {
    LengthFunction lf = new LengthFunction("long", 1, LengthUnit.TOKENS, 3, LengthFunction.NO_MAX);
    assertThat(vote(lf, "one two")).isEqualTo(ABSTAIN);
    assertThat(vote(lf, "one two three")).isEqualTo(1);
  }

  @Test
  void charsCountCodePointsOfTheStrippedText() {
    LengthFunction lf = new LengthFunction("tiny", 0, LengthUnit.CHARS, 0, 3);
    assertThat(lf.length("  😀😀😀  ")).isEqualTo(3);
    assertThat(vote(lf, "  😀😀😀  ")).isEqualTo(0);
    assertThat(vote(lf, "abcd")).isEqualTo(ABSTAIN);
  }

  @Test
  void tokensAreUnicodeWordsWithInnerApostrophes() {
    LengthFunction lf = new LengthFunction("n", 0, LengthUnit.TOKENS, 0, 100);
    assertThat(lf.length("don't stop — ça va? 東京")).isEqualTo(5);
    assertThat(lf.length("http://www.x.com")).isEqualTo(4);
  }

  @Test
  void rejectsInvertedOrNegativeBounds() {
    assertThrows(
        IllegalArgumentException.class, () -> new LengthFunction("n", 0, LengthUnit.CHARS, 5, 4));
    assertThrows(
        IllegalArgumentException.class, () -> new LengthFunction("n", 0, LengthUnit.CHARS, -1, 4));
  }
}
