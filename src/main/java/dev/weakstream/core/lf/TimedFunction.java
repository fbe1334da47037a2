package dev.weakstream.core.lf;

import dev.weakstream.core.LabelingFunction;
import dev.weakstream.core.LabelingFunctionTimeout;
import dev.weakstream.core.TextRecord;
import java.util.Objects;

/**
 * A labeling function whose vote is discarded when it took longer than its time budget: the
 * watchdog for code that cannot be stopped from outside (a {@code kind: java} plugin). The call is
 * timed; past the budget, {@link LabelingFunctionTimeout} replaces the vote, so the set abstains
 * and counts a timeout instead of passing on a vote that arrived too late to trust the function's
 * cost. A plugin that never returns still holds its thread: the stream's own {@code
 * max.poll.interval.ms} is the last resort there.
 *
 * <p>Timed by the wall clock, so a pause during the call (garbage collection, a descheduled thread,
 * a cold JIT) counts too: give a budget well above the function's usual cost. That is why the
 * loader wraps a plugin only where its definition sets {@code time_budget_ms}. Costs two clock
 * reads per record. Immutable; thread-safe if the function is.
 */
public final class TimedFunction implements LabelingFunction {

  private final LabelingFunction function;
  private final long budgetNanos;

  /**
   * @param budgetMillis the most time one record may take, at least 1
   */
  public TimedFunction(LabelingFunction function, int budgetMillis) {
    this.function = Objects.requireNonNull(function, "function");
    if (budgetMillis < 1) {
      throw new IllegalArgumentException("time budget must be at least 1 ms, was " + budgetMillis);
    }
    this.budgetNanos = budgetMillis * 1_000_000L;
  }

  /** The function that is timed. */
  public LabelingFunction function() {
    return function;
  }

  @Override
  public String name() {
    return function.name();
  }

  @Override
  public int apply(TextRecord record) {
    long start = System.nanoTime();
    int vote = function.apply(record);
    if (System.nanoTime() - start > budgetNanos) {
      throw new LabelingFunctionTimeout(function.name(), budgetNanos);
    }
    return vote;
  }

  @Override
  public String toString() {
    return function + " (time budget " + budgetNanos / 1_000_000 + " ms)";
  }
}
