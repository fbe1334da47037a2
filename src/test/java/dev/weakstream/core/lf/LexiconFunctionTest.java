package dev.weakstream.core.lf;

import static dev.weakstream.core.LabelingFunction.ABSTAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weakstream.core.TextRecord;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LexiconFunctionTest {

  private static int vote(LexiconFunction lf, String text) {
    return lf.apply(TextRecord.of("id", text));
  }

  @Test
  void matchesWholeTokensIgnoringCase() {
    LexiconFunction lf = new LexiconFunction("lx", 0, Set.of("Song", "beat"), 1);
    assertThat(vote(lf, "What a SONG!")).isEqualTo(0);
    assertThat(vote(lf, "songbird")).isEqualTo(ABSTAIN);
    assertThat(vote(lf, "")).isEqualTo(ABSTAIN);
  }

  @Test
  void minMatchesCountsDifferentWords() {
    LexiconFunction lf = new LexiconFunction("lx", 1, Set.of("free", "money", "click"), 2);
    assertThat(vote(lf, "free free free")).isEqualTo(ABSTAIN);
    assertThat(vote(lf, "free money")).isEqualTo(1);
    assertThat(vote(lf, "Click for MONEY")).isEqualTo(1);
  }

  @Test
  void unicodeWords() {
    LexiconFunction lf = new LexiconFunction("lx", 0, Set.of("música", "canción"), 1);
    assertThat(vote(lf, "¡Qué CANCIÓN!")).isEqualTo(0);
  }

  @Test
  void entriesSkipBlankLinesAndComments() {
    assertThat(LexiconFunction.entries(List.of("# header", "", "  song  ", "beat # drums", "#x")))
        .containsExactly("song", "beat");
  }

  @Test
  void rejectsPhrasesEmptyListsAndBadThresholds() {
    assertThrows(
        IllegalArgumentException.class, () -> new LexiconFunction("lx", 0, Set.of("two words"), 1));
    assertThrows(IllegalArgumentException.class, () -> new LexiconFunction("lx", 0, Set.of(), 1));
    assertThrows(
        IllegalArgumentException.class, () -> new LexiconFunction("lx", 0, Set.of("a"), 0));
  }
}
