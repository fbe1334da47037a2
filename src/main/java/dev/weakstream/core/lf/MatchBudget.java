package dev.weakstream.core.lf;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * The time budget of one RE2/J pattern per record, and the watchdog that keeps to it ({@link
 * DeadlineText}).
 *
 * <p>RE2/J's work on a text is at most about the characters it reads times the program size (one
 * step per instruction per character). A match is stopped only when it has done at least the work
 * that takes the budget on fast hardware — {@link #MIN_STEPS_PER_NANO} step per nanosecond, so 10^7
 * steps for 10 ms — <i>and</i> the budget has passed. So ordinary matches are never cut, however
 * late a pause makes them, and their votes stay deterministic; only work that is really too much is
 * stopped, at about the budget. A text too short to ever reach that work (up to 4 reads per
 * character) is matched as a plain string, unwatched: no wrapper, no clock, RE2/J's fast paths for
 * strings intact — which is every text of the shipped pipelines. A watched match reads the clock
 * once at its start and, past the minimum work, every {@code max(1, 65536 / program size)}
 * characters (at most 256).
 *
 * <p>Immutable and thread-safe.
 */
final class MatchBudget {

  /** The default time budget of a labeling function per record, in milliseconds. */
  static final int DEFAULT_MILLIS = 10;

  /** Steps per nanosecond assumed of fast hardware (RE2/J does 0.1 to 1). */
  static final long MIN_STEPS_PER_NANO = 1;

  /** Characters RE2/J reads per text position at most, outside literal-prefix searches. */
  static final int READS_PER_CHAR = 4;

  private final long budgetNanos;
  private final long minReads;
  private final int checkEvery;
  private final long unwatchedChars;

  MatchBudget(long budgetNanos, long programSize) {
    if (budgetNanos <= 0) {
      throw new IllegalArgumentException(
          "time budget must be positive, was " + budgetNanos + " ns");
    }
    long size = Math.max(1, programSize);
    this.budgetNanos = budgetNanos;
    this.minReads = Math.max(1, budgetNanos * MIN_STEPS_PER_NANO / size);
    this.checkEvery = (int) Math.max(1, Math.min(256, 65_536 / size));
    this.unwatchedChars = minReads / READS_PER_CHAR;
  }

  static MatchBudget ofMillis(int millis, long programSize) {
    return new MatchBudget(millis * 1_000_000L, programSize);
  }

  long budgetNanos() {
    return budgetNanos;
  }

  /**
   * A matcher of {@code pattern} on {@code text}, watched when the text is long enough to need it:
   * its {@code find}/{@code matches} throw {@link dev.weakstream.core.LabelingFunctionTimeout} once
   * the match is over its budget.
   */
  Matcher matcher(Pattern pattern, String text, String lfName) {
    return text.length() < unwatchedChars
        ? pattern.matcher(text)
        : pattern.matcher(new DeadlineText(text, budgetNanos, minReads, checkEvery, lfName));
  }
}
