package dev.weakstream.core.lf.examples;

import dev.weakstream.core.LabelingFunction;
import dev.weakstream.core.TextRecord;
import java.util.Map;
import java.util.Objects;

/**
 * Votes {@code label} when a text shouts: among its letters, the share of upper-case ones exceeds
 * {@code threshold}. Texts with fewer than {@code min_letters} letters abstain, so "LOL" or "OMG!!"
 * are not counted as shouting.
 *
 * <p>A {@code kind: java} plugin: constructed by the pipeline loader through the public {@code
 * (String name, int label, Map<String, Object> options)} constructor. Options: {@code threshold}
 * (number in (0, 1), default 0.5) and {@code min_letters} (integer, default 12).
 *
 * <p>Immutable and thread-safe.
 */
public final class ExcessiveCapsFunction implements LabelingFunction {

  private final String name;
  private final int label;
  private final double threshold;
  private final int minLetters;

  /**
   * @throws IllegalArgumentException if {@code label} is not a class id (the pipeline must give
   *     one) or an option is unknown or out of range
   */
  public ExcessiveCapsFunction(String name, int label, Map<String, Object> options) {
    this.name = Objects.requireNonNull(name, "name");
    if (label < 0) {
      throw new IllegalArgumentException("needs a 'label': the class to vote for shouting texts");
    }
    this.label = label;
    for (String key : options.keySet()) {
      if (!key.equals("threshold") && !key.equals("min_letters")) {
        throw new IllegalArgumentException(
            "unknown option '" + key + "'; valid options: threshold, min_letters");
      }
    }
    this.threshold = number(options, "threshold", 0.5).doubleValue();
    this.minLetters = number(options, "min_letters", 12).intValue();
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("option 'threshold' must be in (0, 1), was " + threshold);
    }
    if (minLetters < 1) {
      throw new IllegalArgumentException(
          "option 'min_letters' must be at least 1, was " + minLetters);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int apply(TextRecord record) {
    String text = record.text();
    int letters = 0;
    int upper = 0;
    for (int i = 0; i < text.length(); ) {
      char c = text.charAt(i);
      if (c < 128) {
        boolean isUpper = c >= 'A' && c <= 'Z';
        if (isUpper || (c >= 'a' && c <= 'z')) {
          letters++;
          upper += isUpper ? 1 : 0;
        }
        i++;
        continue;
      }
      int cp = text.codePointAt(i);
      if (Character.isLetter(cp)) {
        letters++;
        if (Character.isUpperCase(cp)) {
          upper++;
        }
      }
      i += Character.charCount(cp);
    }
    return letters >= minLetters && upper > threshold * letters ? label : ABSTAIN;
  }

  private static Number number(Map<String, Object> options, String key, Number fallback) {
    Object value = options.getOrDefault(key, fallback);
    if (!(value instanceof Number n)) {
      throw new IllegalArgumentException(
          "option '" + key + "' must be a number, was '" + value + "'");
    }
    return n;
  }
}
