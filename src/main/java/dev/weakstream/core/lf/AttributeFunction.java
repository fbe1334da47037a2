package dev.weakstream.core.lf;

import com.google.re2j.Pattern;
import dev.weakstream.core.LabelingFunction;
import dev.weakstream.core.TextRecord;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Votes {@code label} when a record attribute (e.g. the author or the source channel) equals a
 * value or fully matches an RE2/J pattern; abstains otherwise, and always when the record lacks the
 * attribute.
 *
 * <p>Immutable and thread-safe.
 */
public final class AttributeFunction implements LabelingFunction {

  private final String name;
  private final int label;
  private final String attribute;
  private final Predicate<String> condition;

  private AttributeFunction(String name, int label, String attribute, Predicate<String> condition) {
    this.name = Objects.requireNonNull(name, "name");
    this.label = label;
    this.attribute = Objects.requireNonNull(attribute, "attribute");
    this.condition = condition;
  }

  /** Votes when the attribute equals {@code value} (optionally ignoring case). */
  public static AttributeFunction equalTo(
      String name, int label, String attribute, String value, boolean ignoreCase) {
    Objects.requireNonNull(value, "value");
    return new AttributeFunction(
        name, label, attribute, ignoreCase ? value::equalsIgnoreCase : value::equals);
  }

  /** {@link #matching(String, int, String, String, boolean, int)} with a 10 ms time budget. */
  public static AttributeFunction matching(
      String name, int label, String attribute, String regex, boolean ignoreCase) {
    return matching(name, label, attribute, regex, ignoreCase, MatchBudget.DEFAULT_MILLIS);
  }

  /**
   * Votes when the whole attribute value matches the RE2/J {@code regex}, within a time budget per
   * record (as {@link RegexFunction}; attribute values have no length limit).
   *
   * @throws RegexSize.TooLargeException if the pattern would compile to too large a program
   * @throws com.google.re2j.PatternSyntaxException if the pattern is not valid RE2 syntax
   */
  public static AttributeFunction matching(
      String name,
      int label,
      String attribute,
      String regex,
      boolean ignoreCase,
      int budgetMillis) {
    MatchBudget budget = MatchBudget.ofMillis(budgetMillis, RegexSize.check(regex).programSize());
    Pattern pattern = Pattern.compile(regex, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    LiteralPrefilter prefilter = LiteralPrefilter.of(regex, ignoreCase);
    if (prefilter == null) {
      return new AttributeFunction(
          name, label, attribute, v -> budget.matcher(pattern, v, name).matches());
    }
    return new AttributeFunction(
        name,
        label,
        attribute,
        v ->
            !prefilter.rulesOut(ignoreCase ? v.toLowerCase(Locale.ROOT) : v)
                && budget.matcher(pattern, v, name).matches());
  }

  public String attribute() {
    return attribute;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int apply(TextRecord record) {
    String value = record.attributes().get(attribute);
    return value != null && condition.test(value) ? label : ABSTAIN;
  }
}
