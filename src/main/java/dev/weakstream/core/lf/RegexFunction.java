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

  /**
   * @throws com.google.re2j.PatternSyntaxException (an {@link IllegalArgumentException}) if the
   *     pattern is not valid RE2 syntax; its message says what is wrong
   */
  public RegexFunction(String name, int label, String pattern, boolean ignoreCase) {
    this.name = Objects.requireNonNull(name, "name");
    this.label = label;
    this.pattern = Pattern.compile(
        Objects.requireNonNull(pattern, "pattern"), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
  }

  public String pattern() {
    return pattern.pattern();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int apply(TextRecord record) {
    return pattern.matcher(record.text()).find() ? label : ABSTAIN;
  }
}
