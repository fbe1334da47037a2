package dev.weakstream.core;

/**
 * Thrown by a labeling function that ran out of its time budget for one record. {@link
 * LabelingFunctionSet#apply} turns it into an abstain and reports it to {@link
 * LabelingFunctionSet.FaultListener#onTimeout}, so a slow function costs at most about its budget
 * per record instead of pushing a stream thread past {@code max.poll.interval.ms}.
 *
 * <p>Carries no stack trace: it is control flow on the hot path, and its message says enough.
 */
public final class LabelingFunctionTimeout extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final long budgetNanos;

  /**
   * @param budgetNanos the budget that ran out
   */
  public LabelingFunctionTimeout(String lfName, long budgetNanos) {
    super(
        "labeling function '"
            + lfName
            + "' ran past its time budget of "
            + budgetNanos / 1_000_000.0
            + " ms",
        null,
        false,
        false);
    this.budgetNanos = budgetNanos;
  }

  public long budgetNanos() {
    return budgetNanos;
  }
}
