package dev.weakstream.core.lf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weakstream.core.LabelingFunction;
import dev.weakstream.core.LabelingFunctionSet;
import dev.weakstream.core.TextRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The one-pass votes of keyword and lexicon functions ({@link LabelingFunctionSet#apply}, through
 * {@link PhraseScan}) equal each function's own {@code apply}: on cases chosen at the edges of the
 * matching rules, and on random texts and phrases over an alphabet made of those edges.
 */
class PhraseScanTest {

  private static final int HAM = 0;
  private static final int SPAM = 1;

  private static void assertSameVotes(List<LabelingFunction> functions, String text) {
    LabelingFunctionSet set = new LabelingFunctionSet(functions, 2, "v");
    int[] expected =
        functions.stream().mapToInt(lf -> lf.apply(TextRecord.of("r", text))).toArray();
    assertThat(set.apply(TextRecord.of("r", text), LabelingFunctionSet.FaultListener.IGNORE))
        .as("votes on \"%s\"", text)
        .containsExactly(expected);
  }

  @Test
  void nestedAndOverlappingPhrasesEachCount() {
    List<LabelingFunction> functions =
        List.of(
            new KeywordsFunction("my", SPAM, List.of("my"), MatchMode.ANY, true, true),
            new KeywordsFunction(
                "my_channel", SPAM, List.of("my channel", "channel"), MatchMode.ALL, true, true),
            new KeywordsFunction(
                "sub", SPAM, List.of("sub", "subscribe"), MatchMode.ANY, true, true),
            new KeywordsFunction(
                "dotcom", SPAM, List.of(".com", "www."), MatchMode.ANY, true, false),
            new KeywordsFunction("Exact", HAM, List.of("Song"), MatchMode.ANY, false, true));
    for (String text :
        List.of(
            "check my channel",
            "mychannel",
            "my  Channel!",
            "subscribe",
            "subscriber",
            "SUB to me",
            "www.x.com",
            "x.common",
            "Song",
            "song",
            "SONGS",
            "my",
            "")) {
      assertSameVotes(functions, text);
    }
  }

  @Test
  void lexiconWordsCountOnlyAsWholeTokensAndOnce() {
    List<LabelingFunction> functions =
        List.of(
            new LexiconFunction("lex", SPAM, Set.of("don't", "don", "t", "win", "free"), 2),
            new LexiconFunction("one", HAM, Set.of("love", "é"), 1));
    for (String text :
        List.of(
            "don't win",
            "don’t win",
            "don ' t",
            "win win",
            "free win",
            "winfree win",
            "o'win free",
            "win'free",
            "l'love",
            "love'",
            "'love",
            "café é",
            "é",
            "FREE WIN",
            "\uD835\uDC00win free")) {
      assertSameVotes(functions, text);
    }
  }

  @Test
  void randomTextsAndPhrasesVoteAsTheFunctionsDo() {
    String[] alphabet = {
      "a", "b", "A", "B", "ab", " ", "  ", "'", "’", ".", "é", "É", "1", "\uD83D\uDE00", "\n"
    };
    Random random = new Random(7);
    for (int round = 0; round < 300; round++) {
      List<LabelingFunction> functions = new ArrayList<>();
      for (int f = 0; f < 4; f++) {
        List<String> phrases = new ArrayList<>();
        for (int p = 0; p < 1 + random.nextInt(3); p++) {
          phrases.add(randomText(random, alphabet, 1 + random.nextInt(3)));
        }
        phrases.removeIf(String::isBlank);
        if (phrases.isEmpty()) {
          continue;
        }
        functions.add(
            new KeywordsFunction(
                "k" + f,
                random.nextInt(2),
                phrases,
                random.nextBoolean() ? MatchMode.ANY : MatchMode.ALL,
                random.nextBoolean(),
                random.nextBoolean()));
      }
      Set<String> words = Set.of("a", "ab", "b'a", "é", "1a", "a’b");
      functions.add(new LexiconFunction("lex", SPAM, words, 1 + random.nextInt(2)));
      for (int t = 0; t < 20; t++) {
        assertSameVotes(functions, randomText(random, alphabet, random.nextInt(12)));
      }
    }
  }

  private static String randomText(Random random, String[] alphabet, int parts) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < parts; i++) {
      text.append(alphabet[random.nextInt(alphabet.length)]);
    }
    return text.toString();
  }
}
