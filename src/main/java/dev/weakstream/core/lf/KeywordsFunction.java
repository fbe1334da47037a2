package dev.weakstream.core.lf;

import com.google.re2j.Pattern;
import dev.weakstream.core.LabelingFunction;
import dev.weakstream.core.TextRecord;
import java.util.List;
import java.util.Objects;

/**
 * Votes {@code label} when the text contains any (or all) of a list of words or phrases; abstains
 * otherwise.
 *
 * <p>With {@code wordBoundary} a keyword only matches as a whole word: {@code my} does not match
 * {@code myself}, and a phrase such as {@code check out} matches as a phrase, with any run of white
 * space between its words. A boundary is only required at a keyword end that is itself a word
 * character, so keywords such as {@code http://} or {@code !!!} still match. Boundaries and case
 * folding are Unicode-aware. Each keyword is compiled once into an RE2/J pattern (linear time).
 *
 * <p>Immutable and thread-safe.
 */
public final class KeywordsFunction implements LabelingFunction {

  private final String name;
  private final int label;
  private final List<String> keywords;
  private final MatchMode match;
  private final List<Pattern> patterns;

  /**
   * @param keywords non-blank words or phrases; at least one
   * @throws IllegalArgumentException if a keyword is blank or there are none
   */
  public KeywordsFunction(
      String name, int label, List<String> keywords, MatchMode match, boolean ignoreCase,
      boolean wordBoundary) {
    this.name = Objects.requireNonNull(name, "name");
    this.label = label;
    this.keywords = List.copyOf(keywords);
    this.match = Objects.requireNonNull(match, "match");
    if (this.keywords.isEmpty()) {
      throw new IllegalArgumentException("at least one keyword is needed");
    }
    int flags = ignoreCase ? Pattern.CASE_INSENSITIVE : 0;
    if (match == MatchMode.ANY) {
      StringBuilder alternation = new StringBuilder();
      for (String keyword : this.keywords) {
        alternation.append(alternation.length() == 0 ? "" : "|")
            .append("(?:").append(regexFor(keyword, wordBoundary)).append(')');
      }
      this.patterns = List.of(Pattern.compile(alternation.toString(), flags));
    } else {
      this.patterns = this.keywords.stream()
          .map(k -> Pattern.compile(regexFor(k, wordBoundary), flags))
          .toList();
    }
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

  @Override
  public int apply(TextRecord record) {
    for (Pattern pattern : patterns) {
      boolean found = pattern.matcher(record.text()).find();
      if (match == MatchMode.ANY && found) {
        return label;
      }
      if (match == MatchMode.ALL && !found) {
        return ABSTAIN;
      }
    }
    return match == MatchMode.ALL ? label : ABSTAIN;
  }

  /** Non-word character or text edge; RE2 has no look-around, and find() only needs presence. */
  private static final String BOUNDARY = "[^\\p{L}\\p{N}\\p{M}_]";

  private static String regexFor(String keyword, boolean wordBoundary) {
    String trimmed = keyword.strip();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("keywords must not be blank");
    }
    StringBuilder regex = new StringBuilder();
    String[] parts = trimmed.split("\\s+");
    for (int i = 0; i < parts.length; i++) {
      regex.append(i == 0 ? "" : "\\s+").append(Pattern.quote(parts[i]));
    }
    if (!wordBoundary) {
      return regex.toString();
    }
    String start = WordTokenizer.isWordCodePoint(trimmed.codePointAt(0)) ? "(?:^|" + BOUNDARY + ")" : "";
    String end = WordTokenizer.isWordCodePoint(trimmed.codePointBefore(trimmed.length()))
        ? "(?:$|" + BOUNDARY + ")" : "";
    return start + regex + end;
  }
}
