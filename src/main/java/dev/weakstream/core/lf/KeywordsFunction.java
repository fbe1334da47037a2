package dev.weakstream.core.lf;

import dev.weakstream.core.LabelingFunction;
import dev.weakstream.core.TextRecord;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Votes {@code label} when the text contains any (or all) of a list of words or phrases; abstains
 * otherwise.
 *
 * <p>With {@code wordBoundary} a keyword only matches as a whole word: {@code my} does not match
 * {@code myself}, and a phrase such as {@code check out} matches as a phrase, with any run of white
 * space between its words. A boundary is only required at a keyword end that is itself a word
 * character, so keywords such as {@code http://} or {@code !!!} still match. Matching is a plain
 * substring search on the record's shared lower-cased, white-space-normalised text ({@link
 * TextRecord#normalizedLowerCaseText()}) with word-boundary checks at the match ends: no regex
 * engine, a few hundred nanoseconds per record.
 *
 * <p>Immutable and thread-safe.
 */
public final class KeywordsFunction implements LabelingFunction {

  private final String name;
  private final int label;
  private final List<String> keywords;
  private final MatchMode match;
  private final boolean ignoreCase;
  private final boolean wordBoundary;

  /** Keywords with white-space runs collapsed, lower-cased when ignoring case. */
  private final String[] needles;

  /** Per needle: whether a match must not be preceded / followed by a word character. */
  private final boolean[] checkStart;

  private final boolean[] checkEnd;

  /**
   * @param keywords non-blank words or phrases; at least one
   * @throws IllegalArgumentException if a keyword is blank or there are none
   */
  public KeywordsFunction(
      String name,
      int label,
      List<String> keywords,
      MatchMode match,
      boolean ignoreCase,
      boolean wordBoundary) {
    this.name = Objects.requireNonNull(name, "name");
    this.label = label;
    this.keywords = List.copyOf(keywords);
    this.match = Objects.requireNonNull(match, "match");
    if (this.keywords.isEmpty()) {
      throw new IllegalArgumentException("at least one keyword is needed");
    }
    this.ignoreCase = ignoreCase;
    this.wordBoundary = wordBoundary;
    this.needles =
        this.keywords.stream().map(keyword -> needle(keyword, ignoreCase)).toArray(String[]::new);
    this.checkStart = new boolean[needles.length];
    this.checkEnd = new boolean[needles.length];
    for (int n = 0; n < needles.length; n++) {
      checkStart[n] = wordBoundary && WordTokenizer.isWordCodePoint(needles[n].codePointAt(0));
      checkEnd[n] =
          wordBoundary
              && WordTokenizer.isWordCodePoint(needles[n].codePointBefore(needles[n].length()));
    }
  }

  private static String needle(String keyword, boolean ignoreCase) {
    String trimmed = keyword.strip();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("keywords must not be blank");
    }
    String collapsed = String.join(" ", trimmed.split("\\s+"));
    return ignoreCase ? collapsed.toLowerCase(Locale.ROOT) : collapsed;
  }

  public List<String> keywords() {
    return keywords;
  }

  public MatchMode match() {
    return match;
  }

  @Override
  public String name() {
    return name;
  }

  int label() {
    return label;
  }

  boolean ignoresCase() {
    return ignoreCase;
  }

  /** The keywords as matched: white space collapsed, lower-cased when ignoring case. */
  List<String> needles() {
    return List.of(needles);
  }

  /**
   * Whether a match of needle number {@code needle} at [begin, end) of {@code text} respects the
   * word boundaries.
   */
  boolean boundariesHold(String text, int needle, int begin, int end) {
    boolean startOk =
        !checkStart[needle]
            || begin == 0
            || !WordTokenizer.isWordCodePoint(text.codePointBefore(begin));
    boolean endOk =
        !checkEnd[needle]
            || end == text.length()
            || !WordTokenizer.isWordCodePoint(text.codePointAt(end));
    return startOk && endOk;
  }

  @Override
  public int apply(TextRecord record) {
    String text = ignoreCase ? record.normalizedLowerCaseText() : record.normalizedText();
    for (int needle = 0; needle < needles.length; needle++) {
      boolean found = contains(text, needle);
      if (match == MatchMode.ANY && found) {
        return label;
      }
      if (match == MatchMode.ALL && !found) {
        return ABSTAIN;
      }
    }
    return match == MatchMode.ALL ? label : ABSTAIN;
  }

  /**
   * True when needle number {@code needle} occurs in {@code text}; with word boundaries, only where
   * a needle end that is a word character is not continued by another word character in the text.
   */
  private boolean contains(String text, int needle) {
    int from = 0;
    int index;
    while ((index = text.indexOf(needles[needle], from)) >= 0) {
      if (boundariesHold(text, needle, index, index + needles[needle].length())) {
        return true;
      }
      from = index + 1;
    }
    return false;
  }
}
