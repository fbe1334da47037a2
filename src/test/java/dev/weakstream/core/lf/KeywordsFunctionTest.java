package dev.weakstream.core.lf;

import static dev.weakstream.core.LabelingFunction.ABSTAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weakstream.core.TextRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeywordsFunctionTest {

  private static final int SPAM = 1;

  private static KeywordsFunction any(String... words) {
    return new KeywordsFunction("kw", SPAM, List.of(words), MatchMode.ANY, true, true);
  }

  private static int vote(KeywordsFunction lf, String text) {
    return lf.apply(TextRecord.of("id", text));
  }

  @Test
  void wordBoundaryKeepsWordsWhole() {
    KeywordsFunction lf = any("my");
    assertThat(vote(lf, "see my video")).isEqualTo(SPAM);
    assertThat(vote(lf, "my")).isEqualTo(SPAM);
    assertThat(vote(lf, "(my)")).isEqualTo(SPAM);
    assertThat(vote(lf, "I did it myself")).isEqualTo(ABSTAIN);
    assertThat(vote(lf, "Tommy likes it")).isEqualTo(ABSTAIN);
  }

  @Test
  void withoutWordBoundaryMatchesInsideWords() {
    KeywordsFunction lf =
        new KeywordsFunction("kw", SPAM, List.of("my"), MatchMode.ANY, true, false);
    assertThat(vote(lf, "myself")).isEqualTo(SPAM);
  }

  @Test
  void phrasesMatchAsPhrasesAcrossAnyWhiteSpace() {
    KeywordsFunction lf = any("check out");
    assertThat(vote(lf, "please check out my channel")).isEqualTo(SPAM);
    assertThat(vote(lf, "please CHECK\n  OUT my channel")).isEqualTo(SPAM);
    assertThat(vote(lf, "check it out")).isEqualTo(ABSTAIN);
    assertThat(vote(lf, "out check")).isEqualTo(ABSTAIN);
    assertThat(vote(lf, "checkout now")).isEqualTo(ABSTAIN);
  }

  @Test
  void ignoresCaseByDefaultButCanBeCaseSensitive() {
    assertThat(vote(any("subscribe"), "SUBSCRIBE NOW")).isEqualTo(SPAM);
    KeywordsFunction exact =
        new KeywordsFunction("kw", SPAM, List.of("subscribe"), MatchMode.ANY, false, true);
    assertThat(vote(exact, "SUBSCRIBE NOW")).isEqualTo(ABSTAIN);
    assertThat(vote(exact, "subscribe now")).isEqualTo(SPAM);
  }

  @Test
  void allNeedsEveryKeywordInAnyOrder() {
    KeywordsFunction lf =
        new KeywordsFunction("kw", SPAM, List.of("free", "money"), MatchMode.ALL, true, true);
    assertThat(vote(lf, "money for free")).isEqualTo(SPAM);
    assertThat(vote(lf, "free hugs")).isEqualTo(ABSTAIN);
    assertThat(vote(lf, "")).isEqualTo(ABSTAIN);
  }

  @Test
  void anyNeedsOneKeyword() {
    KeywordsFunction lf = any("free", "money");
    assertThat(vote(lf, "free hugs")).isEqualTo(SPAM);
    assertThat(vote(lf, "")).isEqualTo(ABSTAIN);
  }

  @Test
  void keywordsWithNonWordEndsMatchWithoutBoundaries() {
    KeywordsFunction lf = any("http", "www.", ".com", "$");
    assertThat(vote(lf, "go to https://x.y")).isEqualTo(ABSTAIN);
    assertThat(vote(lf, "go to http://x.y")).isEqualTo(SPAM);
    assertThat(vote(lf, "visit www.example.org")).isEqualTo(SPAM);
    assertThat(vote(lf, "visit example.com today")).isEqualTo(SPAM);
    assertThat(vote(lf, "win $100")).isEqualTo(SPAM);
  }

  @Test
  void regexMetacharactersInKeywordsAreLiteral() {
    assertThat(vote(any("a.b"), "axb")).isEqualTo(ABSTAIN);
    assertThat(vote(any("(c)"), "about (c) here")).isEqualTo(SPAM);
  }

  @Test
  void boundariesAndCaseAreUnicodeAware() {
    KeywordsFunction lf = any("café", "ÉTÉ");
    assertThat(vote(lf, "un CAFÉ noir")).isEqualTo(SPAM);
    assertThat(vote(lf, "cafés")).isEqualTo(ABSTAIN);
    assertThat(vote(lf, "bel été!")).isEqualTo(SPAM);
    assertThat(vote(any("песня"), "Эта ПЕСНЯ 🔥")).isEqualTo(SPAM);
    assertThat(vote(any("песня"), "песнями")).isEqualTo(ABSTAIN);
  }

  @Test
  void rejectsBlankOrNoKeywords() {
    assertThrows(IllegalArgumentException.class, () -> any());
    assertThrows(IllegalArgumentException.class, () -> any("ok", "  "));
  }
}
