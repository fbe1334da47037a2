package dev.weakstream.core.lf;

import dev.weakstream.core.LabelingFunction;
import dev.weakstream.core.TextRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The votes of every {@link KeywordsFunction} and {@link LexiconFunction} of a set, from one pass
 * over the text: their keywords and words go into one Aho-Corasick automaton ({@link
 * PhraseAutomaton}) per text they are matched in (the lower-cased or the exact
 * white-space-normalised text), which reports every occurrence of every phrase; an occurrence
 * counts for a function when it passes that function's own check (its word boundaries; for a
 * lexicon, that it is a whole token). The votes are exactly those of the functions' {@code apply},
 * which searches the text once per keyword (45 searches for the youtube pipeline's 8 keyword
 * functions) and looks every token up per lexicon.
 *
 * <p>Immutable and thread-safe.
 */
public final class PhraseScan {

  /**
   * One phrase of one function (the function at {@code index} of the set; the phrase at {@code
   * position} of its keywords): an occurrence of the phrase may count for it.
   */
  private record Target(int index, LabelingFunction function, int position) {

    boolean holdsAt(String text, int begin, int end) {
      if (function instanceof KeywordsFunction keywords) {
        return keywords.boundariesHold(text, position, begin, end);
      }
      return WordTokenizer.startsToken(text, begin) && WordTokenizer.endsToken(text, end);
    }
  }

  private final Target[] targets;

  /**
   * Per function of the set: the ids of its targets, or null when this scan does not vote for it.
   */
  private final int[][] targetsOf;

  private final Phrases lowerCase;
  private final Phrases exactCase;

  /** The phrases matched in one text variant, and the targets each phrase number stands for. */
  private record Phrases(PhraseAutomaton automaton, int[][] targets) {}

  private PhraseScan(Target[] targets, int[][] targetsOf, Phrases lowerCase, Phrases exactCase) {
    this.targets = targets;
    this.targetsOf = targetsOf;
    this.lowerCase = lowerCase;
    this.exactCase = exactCase;
  }

  /**
   * The scan of the keyword and lexicon functions among {@code functions} (indexes as in the list).
   */
  public static PhraseScan of(List<LabelingFunction> functions) {
    List<Target> targets = new ArrayList<>();
    Map<String, List<Integer>> lower = new TreeMap<>();
    Map<String, List<Integer>> exact = new TreeMap<>();
    int[][] targetsOf = new int[functions.size()][];
    for (int i = 0; i < functions.size(); i++) {
      LabelingFunction function = functions.get(i);
      List<String> phrases;
      Map<String, List<Integer>> variant;
      if (function instanceof KeywordsFunction keywords) {
        phrases = keywords.needles();
        variant = keywords.ignoresCase() ? lower : exact;
      } else if (function instanceof LexiconFunction lexicon) {
        phrases = List.copyOf(lexicon.words()); // distinct: each found word counts once
        variant = lower; // lexicons match the tokens of the lower-cased text
      } else {
        continue;
      }
      targetsOf[i] = new int[phrases.size()];
      for (int p = 0; p < phrases.size(); p++) {
        targetsOf[i][p] = targets.size();
        variant.computeIfAbsent(phrases.get(p), k -> new ArrayList<>()).add(targets.size());
        targets.add(new Target(i, function, p));
      }
    }
    return new PhraseScan(
        targets.toArray(Target[]::new), targetsOf, compile(lower), compile(exact));
  }

  private static Phrases compile(Map<String, List<Integer>> phrases) {
    if (phrases.isEmpty()) {
      return null;
    }
    List<String> strings = new ArrayList<>(phrases.keySet());
    int[][] targets =
        strings.stream()
            .map(phrase -> phrases.get(phrase).stream().mapToInt(Integer::intValue).toArray())
            .toArray(int[][]::new);
    return new Phrases(new PhraseAutomaton(strings), targets);
  }

  /** True when this scan votes for the set's function at {@code index}. */
  public boolean covers(int index) {
    return targetsOf[index] != null;
  }

  /**
   * Writes the vote of every covered function into {@code votes}; leaves the others as they are.
   */
  public void vote(TextRecord record, int[] votes) {
    if (targets.length == 0) {
      return;
    }
    boolean[] found = new boolean[targets.length];
    int[] hits = new int[targetsOf.length]; // per function: its targets found
    if (lowerCase != null) {
      scan(lowerCase, record.normalizedLowerCaseText(), found, hits);
    }
    if (exactCase != null) {
      scan(exactCase, record.normalizedText(), found, hits);
    }
    for (int i = 0; i < targetsOf.length; i++) {
      if (targetsOf[i] != null) {
        votes[i] = decide(targets[targetsOf[i][0]].function(), hits[i], targetsOf[i].length);
      }
    }
  }

  private void scan(Phrases phrases, String text, boolean[] found, int[] hits) {
    phrases
        .automaton()
        .scan(
            text,
            (begin, end, phrase) -> {
              for (int id : phrases.targets()[phrase]) {
                if (!found[id] && targets[id].holdsAt(text, begin, end)) {
                  found[id] = true;
                  hits[targets[id].index()]++;
                }
              }
            });
  }

  /**
   * The vote of a function of which {@code hits} of its {@code phrases} (distinct targets) were
   * found.
   */
  private static int decide(LabelingFunction function, int hits, int phrases) {
    if (function instanceof KeywordsFunction keywords) {
      boolean matched = keywords.match() == MatchMode.ANY ? hits > 0 : hits == phrases;
      return matched ? keywords.label() : LabelingFunction.ABSTAIN;
    }
    LexiconFunction lexicon = (LexiconFunction) function;
    return hits >= lexicon.minMatches() ? lexicon.label() : LabelingFunction.ABSTAIN;
  }
}
