package dev.weakstream.core.lf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordTokenizerTest {

  @Test
  void wordCharactersAreLettersDigitsAndMarksForEveryCodePoint() {
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      boolean expected =
          Character.isLetterOrDigit(cp)
              || Character.getType(cp) == Character.NON_SPACING_MARK
              || Character.getType(cp) == Character.COMBINING_SPACING_MARK;
      if (WordTokenizer.isWordCodePoint(cp) != expected) {
        assertThat(WordTokenizer.isWordCodePoint(cp)).as("U+%04X", cp).isEqualTo(expected);
      }
    }
  }

  @Test
  void innerApostrophesStayInsideWords() {
    assertThat(WordTokenizer.tokens("don't stop ’til 'quoted' l’été"))
        .containsExactly("don't", "stop", "til", "quoted", "l’été");
    assertThat(WordTokenizer.count("don't stop ’til 'quoted' l’été")).isEqualTo(5);
  }

  @Test
  void tokenBoundariesAgreeWithTheTokens() {
    String text = "a'b c’ 'd e''f \uD835\uDC00g";
    List<String> tokens = WordTokenizer.tokens(text);
    for (int begin = 0; begin < text.length(); begin++) {
      for (int end = begin + 1; end <= text.length(); end++) {
        String span = text.substring(begin, end);
        boolean wordEdges =
            WordTokenizer.isWordCodePoint(span.codePointAt(0))
                && WordTokenizer.isWordCodePoint(span.codePointBefore(span.length()));
        if (!wordEdges || !WordTokenizer.tokens(span).equals(List.of(span))) {
          continue;
        }
        boolean isToken =
            WordTokenizer.startsToken(text, begin) && WordTokenizer.endsToken(text, end);
        assertThat(isToken)
            .as("[%d, %d) \"%s\" of %s", begin, end, span, tokens)
            .isEqualTo(
                tokens.contains(span) && text.indexOf(span) >= 0 && tokenAt(text, begin, end));
      }
    }
  }

  /** Whether the tokenizer produces exactly the span [begin, end) of text. */
  private static boolean tokenAt(String text, int begin, int end) {
    String marked =
        text.substring(0, begin)
            + "\u0000"
            + text.substring(begin, end)
            + "\u0001"
            + text.substring(end);
    // The markers are separators: the span is a token of the text iff it is still one with them
    // around it
    // and the tokens of the text are the tokens of the marked text.
    return WordTokenizer.tokens(marked).equals(WordTokenizer.tokens(text));
  }
}
