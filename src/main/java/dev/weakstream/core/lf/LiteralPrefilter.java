package dev.weakstream.core.lf;

import java.util.List;
import java.util.Locale;

/**
 * Rules texts out before a regular expression runs on them: every match contains one of a few
 * literals ({@link RequiredLiteral#anyOf}), so a text containing none of them cannot match. RE2/J
 * takes a microsecond or more per short text for patterns such as {@code
 * .*\b(official|tv|media)\b.*}; looking for the literals takes tens of nanoseconds.
 *
 * <p>When the pattern ignores case, the literals are looked for in the lower-cased text. That
 * stands in for RE2/J's case folding only for ASCII literals, so with non-ASCII ones there is no
 * prefilter. Of the characters outside ASCII that fold to an ASCII letter, the Kelvin sign
 * lower-cases to {@code k} in Java, but the long s (U+017F) stays as it is while folding to {@code
 * s}: a text containing it is never ruled out by a literal with an {@code s}.
 *
 * <p>Immutable and thread-safe.
 */
final class LiteralPrefilter {

  private static final char LONG_S = '\u017F';

  private final String[] literals;
  private final boolean watchLongS;
  private final boolean whitespace;

  private LiteralPrefilter(List<String> literals, boolean ignoreCase) {
    this.literals = literals.stream().distinct().toArray(String[]::new);
    this.watchLongS = ignoreCase && literals.stream().anyMatch(l -> l.indexOf('s') >= 0);
    this.whitespace = literals.stream().anyMatch(l -> l.chars().anyMatch(Character::isWhitespace));
  }

  /** The prefilter of {@code pattern}, or null when no literal is provably required (or usable). */
  static LiteralPrefilter of(String pattern, boolean ignoreCase) {
    List<String> literals = RequiredLiteral.anyOf(pattern).orElse(null);
    if (literals == null || literals.isEmpty()) {
      return null;
    }
    if (ignoreCase) {
      literals = literals.stream().map(LiteralPrefilter::lowerCasedForSearch).toList();
      if (literals.contains(null)) {
        return null;
      }
    }
    return new LiteralPrefilter(literals, ignoreCase);
  }

  /**
   * {@code literal} as it is looked for in the lower-cased text for a pattern that ignores case, or
   * null when lower-casing cannot stand in for RE2/J's case folding: a literal with a non-ASCII
   * character.
   */
  static String lowerCasedForSearch(String literal) {
    return literal.chars().allMatch(c -> c < 128) ? literal.toLowerCase(Locale.ROOT) : null;
  }

  /**
   * True when a lower-cased text may hold a case-insensitive match of {@code lowerCasedLiteral}
   * that looking for the literal in it would miss: the literal has an s and the text a long s.
   */
  static boolean mayHideFoldedS(String lowerCasedLiteral, String lowerCasedText) {
    return lowerCasedLiteral.indexOf('s') >= 0 && lowerCasedText.indexOf(LONG_S) >= 0;
  }

  /**
   * True when a literal contains white space (so a text whose white space was collapsed will not
   * do).
   */
  boolean literalsHaveWhitespace() {
    return whitespace;
  }

  /**
   * True when no match is possible.
   *
   * @param text the text, lower-cased when the pattern ignores case
   */
  boolean rulesOut(String text) {
    for (String literal : literals) {
      if (text.contains(literal)) {
        return false;
      }
    }
    return !(watchLongS && text.indexOf(LONG_S) >= 0);
  }
}
