package dev.weakstream.core.lf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The automaton reports exactly the occurrences a search for each phrase at every position finds.
 */
class PhraseAutomatonTest {

  private static List<String> found(PhraseAutomaton automaton, String text) {
    List<String> out = new ArrayList<>();
    automaton.scan(text, (begin, end, phrase) -> out.add(begin + ":" + end + ":" + phrase));
    out.sort(null);
    return out;
  }

  private static List<String> expected(List<String> phrases, String text) {
    List<String> out = new ArrayList<>();
    for (int p = 0; p < phrases.size(); p++) {
      for (int at = text.indexOf(phrases.get(p));
          at >= 0;
          at = text.indexOf(phrases.get(p), at + 1)) {
        out.add(at + ":" + (at + phrases.get(p).length()) + ":" + p);
      }
    }
    out.sort(null);
    return out;
  }

  @Test
  void nestedOverlappingAndRepeatedPhrasesAreAllReported() {
    List<String> phrases =
        List.of("he", "she", "his", "hers", "my channel", "channel", "é", "ü:)", "😀");
    PhraseAutomaton automaton = new PhraseAutomaton(phrases);
    for (String text :
        List.of("ushers", "shehishers", "my channel channel", "café ü:) 😀😀", "", "hhhe")) {
      assertThat(found(automaton, text)).as(text).isEqualTo(expected(phrases, text));
    }
  }

  @Test
  void randomPhrasesAndTexts() {
    String alphabet = "abcab é’'.😀";
    Random random = new Random(11);
    for (int round = 0; round < 500; round++) {
      List<String> phrases = new ArrayList<>();
      for (int p = 0; p < 1 + random.nextInt(6); p++) {
        phrases.add(random(random, alphabet, 1 + random.nextInt(4)));
      }
      PhraseAutomaton automaton = new PhraseAutomaton(phrases);
      for (int t = 0; t < 10; t++) {
        String text = random(random, alphabet, random.nextInt(30));
        assertThat(found(automaton, text))
            .as("%s in %s", phrases, text)
            .isEqualTo(expected(phrases, text));
      }
    }
  }

  private static String random(Random random, String alphabet, int length) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }
}
