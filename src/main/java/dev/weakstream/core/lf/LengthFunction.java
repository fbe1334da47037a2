package dev.weakstream.core.lf;

import dev.weakstream.core.LabelingFunction;
import dev.weakstream.core.TextRecord;
import java.util.Objects;

/**
 * Votes {@code label} when the text's length — in word tokens or in characters — lies within {@code
 * [min, max]} (both inclusive); abstains otherwise. E.g. short comments tend to be genuine.
 *
 * <p>Immutable and thread-safe.
 */
public final class LengthFunction implements LabelingFunction {

  /** Use as {@code min} for "no lower bound". */
  public static final int NO_MIN = 0;

  /** Use as {@code max} for "no upper bound". */
  public static final int NO_MAX = Integer.MAX_VALUE;

  private final String name;
  private final int label;
  private final LengthUnit unit;
  private final int min;
  private final int max;

  /**
   * @throws IllegalArgumentException if {@code min < 0} or {@code min > max}
   */
  public LengthFunction(String name, int label, LengthUnit unit, int min, int max) {
    this.name = Objects.requireNonNull(name, "name");
    this.label = label;
    this.unit = Objects.requireNonNull(unit, "unit");
    if (min < 0 || min > max) {
      throw new IllegalArgumentException("need 0 <= min <= max, got min " + min + ", max " + max);
    }
    this.min = min;
    this.max = max;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int apply(TextRecord record) {
    int length = unit == LengthUnit.TOKENS ? record.tokenCount() : length(record.text());
    return length >= min && length <= max ? label : ABSTAIN;
  }

  /** The text's length in this function's unit. */
  public int length(String text) {
    return switch (unit) {
      case TOKENS -> WordTokenizer.count(text);
      case CHARS -> {
        String stripped = text.strip();
        yield stripped.codePointCount(0, stripped.length());
      }
    };
  }
}
