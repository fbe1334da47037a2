package dev.weakstream.core.lf;

import com.google.re2j.Pattern;
import dev.weakstream.core.LabelingFunction;
import dev.weakstream.core.TextRecord;
import java.util.Objects;

/**
 * Votes {@code label} when an RE2/J regular expression is found anywhere in the text (find
 * semantics, not a whole-text match); abstains otherwise.
 *
 * <p>RE2/J matches in time linear in the text (no backtracking); the price is no back-references
 * and no look-around. Linear is not small: the time is about the text length times the compiled
 * program's size, and counted repetitions unroll ({@code (a{100}){100}} is 10,000 instructions). So
 * a pattern over {@link RegexSize}'s limits is refused at construction, and each match keeps to a
 * time budget per record ({@link MatchBudget}): past it, {@link #apply} throws {@link
 * dev.weakstream.core.LabelingFunctionTimeout}, which the set turns into an abstain.
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
   * A literal every match starts with (lower-cased when ignoring case), or null: the search then
   * starts at its first occurrence (RequiredLiteral#prefixOf).
   */
  private final String prefix;

  private final MatchBudget budget;

  /** A function with the default time budget of 10 ms per record. */
  public RegexFunction(String name, int label, String pattern, boolean ignoreCase) {
    this(name, label, pattern, ignoreCase, MatchBudget.DEFAULT_MILLIS);
  }

  /**
   * @param budgetMillis the most time a match may take per record, at least 1
   * @throws RegexSize.TooLargeException (an {@link IllegalArgumentException}) if the pattern would
   *     compile to too large a program; checked before compiling
   * @throws com.google.re2j.PatternSyntaxException (an {@link IllegalArgumentException}) if the
   *     pattern is not valid RE2 syntax; its message says what is wrong
   */
  public RegexFunction(
      String name, int label, String pattern, boolean ignoreCase, int budgetMillis) {
    this.name = Objects.requireNonNull(name, "name");
    this.label = label;
    this.budget =
        MatchBudget.ofMillis(
            budgetMillis,
            RegexSize.check(Objects.requireNonNull(pattern, "pattern")).programSize());
    this.pattern =
        Pattern.compile(
            Objects.requireNonNull(pattern, "pattern"), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    this.ignoreCase = ignoreCase;
    this.prefilter = LiteralPrefilter.of(pattern, ignoreCase);
    this.prefix =
        RequiredLiteral.prefixOf(pattern)
            .map(literal -> ignoreCase ? LiteralPrefilter.lowerCasedForSearch(literal) : literal)
            .orElse(null);
  }

  public String pattern() {
    return pattern.pattern();
  }

  /** The time budget of one match, in nanoseconds. */
  public long budgetNanos() {
    return budget.budgetNanos();
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * The text the required literals are looked for in: lower-cased when matching ignores case; the
   * normalized lower-cased text (which the keyword LFs compute anyway) when no literal has white
   * space, as collapsing white space cannot create or remove a match of such a literal.
   */
  private String prefilterText(TextRecord record) {
    if (!ignoreCase) {
      return record.text();
    }
    return prefilter.literalsHaveWhitespace()
        ? record.lowerCaseText()
        : record.normalizedLowerCaseText();
  }

  @Override
  public int apply(TextRecord record) {
    if (prefilter != null && prefilter.rulesOut(prefilterText(record))) {
      return ABSTAIN;
    }
    String text = record.text();
    int start = searchStart(record, text);
    return start >= 0 && budget.matcher(pattern, text, name).find(start) ? label : ABSTAIN;
  }

  /**
   * Where a match can start at the earliest: the first occurrence of the prefix (-1 when it does
   * not occur: no match can), or 0 without a usable prefix. RE2/J runs its NFA from the search
   * start over the rest of the text, and for a case-insensitive pattern it does not skip ahead to a
   * literal prefix by itself; starting at the prefix (with the text before it still seen by {@code
   * \b}) skips the head of most texts. Lower-cased positions are used only where lower-casing moved
   * none and cannot have hidden an occurrence (LiteralPrefilter: the long s).
   */
  private int searchStart(TextRecord record, String text) {
    if (prefix == null) {
      return 0;
    }
    String haystack = ignoreCase ? record.lowerCaseText() : text;
    if (haystack.length() != text.length()
        || ignoreCase && LiteralPrefilter.mayHideFoldedS(prefix, haystack)) {
      return 0;
    }
    return haystack.indexOf(prefix);
  }
}
