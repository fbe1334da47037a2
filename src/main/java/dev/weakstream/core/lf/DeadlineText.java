package dev.weakstream.core.lf;

import dev.weakstream.core.LabelingFunctionTimeout;

/**
 * A text that stops whoever reads it once it has been read a lot and a deadline has passed: {@link
 * #charAt} then throws {@link LabelingFunctionTimeout}. RE2/J checks no interrupt and cannot be
 * told to stop, but it reads its input through {@link CharSequence#charAt}, so matching over this
 * wrapper stops within a few characters — on the stream thread itself, with no extra thread.
 *
 * <p>Both conditions must hold: at least {@code minReads} characters read (work that takes the
 * budget even on fast hardware; see {@link MatchBudget}) and the deadline passed. Until the first
 * holds the clock is not read at all; after, every {@code checkEvery} characters. So a cheap match
 * that a garbage-collection pause, a cold JIT or a descheduled thread made late is never cut short
 * (its vote stays deterministic), and a match that really does too much work is stopped at about
 * the deadline. One instance per match; not thread-safe.
 */
final class DeadlineText implements CharSequence {

  private final String text;
  private final long deadlineNanos;
  private final long budgetNanos;
  private final int checkEvery;
  private final String lfName;
  private long untilCheck;

  /**
   * @param budgetNanos time from now until reading may stop
   * @param minReads characters read before the clock is first looked at
   * @param checkEvery characters read between two looks at the clock after that, at least 1
   */
  DeadlineText(String text, long budgetNanos, long minReads, int checkEvery, String lfName) {
    this.text = text;
    this.budgetNanos = budgetNanos;
    this.deadlineNanos = System.nanoTime() + budgetNanos;
    this.checkEvery = Math.max(1, checkEvery);
    this.untilCheck = Math.max(1, minReads);
    this.lfName = lfName;
  }

  @Override
  public char charAt(int index) {
    if (--untilCheck <= 0) {
      untilCheck = checkEvery;
      if (System.nanoTime() - deadlineNanos > 0) {
        throw new LabelingFunctionTimeout(lfName, budgetNanos);
      }
    }
    return text.charAt(index);
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return text.subSequence(start, end);
  }

  @Override
  public String toString() {
    return text;
  }
}
