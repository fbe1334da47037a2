package dev.weakstream.core.lf;

import dev.weakstream.core.LabelingFunction;
import dev.weakstream.core.TextRecord;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Votes {@code label} when the text contains at least {@code minMatches} different words of a
 * lexicon (a word list kept in a file); abstains otherwise. Matching is on whole word tokens
 * ({@link WordTokenizer}) and ignores case.
 *
 * <p>Immutable and thread-safe.
 */
public final class LexiconFunction implements LabelingFunction {

  private final String name;
  private final int label;
  private final Set<String> words;
  private final int minMatches;

  /**
   * Shortest and longest word: a token of another length is not looked up (most tokens are short).
   */
  private final int minLength;

  private final int maxLength;

  /**
   * @param words single-token words; they are lower-cased here
   * @throws IllegalArgumentException if there are no words, a word is not exactly one token, or
   *     {@code minMatches < 1}
   */
  public LexiconFunction(String name, int label, Set<String> words, int minMatches) {
    this.name = Objects.requireNonNull(name, "name");
    this.label = label;
    if (words.isEmpty()) {
      throw new IllegalArgumentException("the lexicon has no words");
    }
    if (minMatches < 1) {
      throw new IllegalArgumentException("minMatches must be at least 1, was " + minMatches);
    }
    Set<String> lower = new HashSet<>();
    for (String word : words) {
      List<String> tokens = WordTokenizer.lowerCaseTokens(word);
      if (tokens.size() != 1 || !tokens.get(0).equals(word.strip().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            "lexicon entry '"
                + word
                + "' is not a single word (letters, digits, inner apostrophes)");
      }
      lower.add(tokens.get(0));
    }
    this.words = Set.copyOf(lower);
    this.minLength = lower.stream().mapToInt(String::length).min().orElseThrow();
    this.maxLength = lower.stream().mapToInt(String::length).max().orElseThrow();
    this.minMatches = minMatches;
  }

  /**
   * The entries of a lexicon file's lines: trimmed, without blank lines and {@code #} comments
   * (whole-line or trailing).
   */
  public static List<String> entries(List<String> lines) {
    return lines.stream()
        .map(
            line -> {
              int hash = line.indexOf('#');
              return (hash >= 0 ? line.substring(0, hash) : line).strip();
            })
        .filter(line -> !line.isEmpty())
        .toList();
  }

  public Set<String> words() {
    return words;
  }

  @Override
  public String name() {
    return name;
  }

  int label() {
    return label;
  }

  int minMatches() {
    return minMatches;
  }

  private boolean inLexicon(String token) {
    int length = token.length();
    return length >= minLength && length <= maxLength && words.contains(token);
  }

  @Override
  public int apply(TextRecord record) {
    List<String> tokens = record.tokens();
    if (minMatches == 1) {
      for (String token : tokens) {
        if (inLexicon(token)) {
          return label;
        }
      }
      return ABSTAIN;
    }
    Set<String> found = new HashSet<>();
    for (String token : tokens) {
      if (inLexicon(token) && found.add(token) && found.size() >= minMatches) {
        return label;
      }
    }
    return ABSTAIN;
  }
}
