package dev.weakstream.core.lf;

import com.google.re2j.Pattern;
import dev.weakstream.core.LabelingFunction;
import dev.weakstream.core.TextRecord;
import java.util.Objects;

/**
 * Votes {@code label} when an RE2/J regular expression is found anywhere in the text (find
 * semantics, not a whole-text match); abstains otherwise.
 *
 * <p>RE2/J matches in time linear in the text (no backtracking), so a user-written pattern cannot
 * stall a stream thread; the price is no back-references and no look-around.
 *
 * <p>Immutable and thread-safe.
 */
public final class RegexFunction implements LabelingFunction {

  private final String name;
  private final int label;
  private final Pattern pattern;
  /** Rules out texts without a literal every match contains, or null when there is none. */
  private final LiteralPrefilter prefilter;
  private final boolean ignoreCase;
  /**
   * A literal every match starts with (lower-cased when ignoring case), or null: the search then starts
   * at its first occurrence (RequiredLiteral#prefixOf).
   */
  private final String prefix;

  /**
   * @throws com.google.re2j.PatternSyntaxException (an {@link IllegalArgumentException}) if the
   *     pattern is not valid RE2 syntax; its message says what is wrong
   */
  public RegexFunction(String name, int label, String pattern, boolean ignoreCase) {
    this.name = Objects.requireNonNull(name, "name");
    this.label = label;
    this.pattern = Pattern.compile(
        Objects.requireNonNull(pattern, "pattern"), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    this.ignoreCase = ignoreCase;
    this.prefilter = LiteralPrefilter.of(pattern, ignoreCase);
    this.prefix = searchable(RequiredLiteral.prefixOf(pattern), ignoreCase);
  }

  /**
   * The literal as it can be looked for in the text (lower-cased text when ignoring case), or null when
   * there is none or lower-casing cannot stand in for case folding.
   */
  private static String searchable(java.util.Optional<String> literal, boolean ignoreCase) {
    return literal
        .filter(l -> !ignoreCase || caseFoldsSimply(l))
        .map(l -> ignoreCase ? l.toLowerCase(java.util.Locale.ROOT) : l)
        .orElse(null);
  }

  /**
   * True when lower-casing the text is a safe pre-check for a case-insensitive match of the literal:
   * ASCII without 's', whose case-fold orbit includes U+017F (long s), which Java does not lower-case
   * to 's'. (The Kelvin sign U+212A in k's orbit does lower-case to 'k'.)
   */
  private static boolean caseFoldsSimply(String literal) {
    return literal.chars().allMatch(c -> c < 128 && c != 's' && c != 'S');
  }

  public String pattern() {
    return pattern.pattern();
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * The text the required literals are looked for in: lower-cased when matching ignores case; the
   * normalized lower-cased text (which the keyword LFs compute anyway) when no literal has white space,
   * as collapsing white space cannot create or remove a match of such a literal.
   */
  private String prefilterText(TextRecord record) {
    if (!ignoreCase) {
      return record.text();
    }
    return prefilter.literalsHaveWhitespace() ? record.lowerCaseText() : record.normalizedLowerCaseText();
  }

  @Override
  public int apply(TextRecord record) {
    if (prefilter != null && prefilter.rulesOut(prefilterText(record))) {
      return ABSTAIN;
    }
    String text = record.text();
    int start = searchStart(record, text);
    return start >= 0 && pattern.matcher(text).find(start) ? label : ABSTAIN;
  }

  /**
   * Where a match can start at the earliest: the first occurrence of the prefix (-1 when it does not
   * occur: no match can), or 0 without a usable prefix. RE2/J runs its
   * NFA from the search start over the rest of the text, and for a case-insensitive pattern it does not
   * skip ahead to a literal prefix by itself; starting at the prefix (with the text before it still seen
   * by {@code \b}) skips the head of most texts. Lower-cased positions are used only where lower-casing
   * moved none.
   */
  private int searchStart(TextRecord record, String text) {
    if (prefix == null) {
      return 0;
    }
    String haystack = ignoreCase ? record.lowerCaseText() : text;
    if (haystack.length() != text.length()) {
      return 0;
    }
    return haystack.indexOf(prefix);
  }
}
