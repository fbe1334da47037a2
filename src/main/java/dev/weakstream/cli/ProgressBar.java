package dev.weakstream.cli;

import java.io.PrintStream;

/**
 * A one-line progress bar on standard error (standard output is kept for results such as JSON). On
 * a terminal it redraws in place; otherwise it prints a line at every quarter, so logs stay short.
 * Written by hand: twenty lines do not justify a terminal library. Not thread-safe.
 */
final class ProgressBar implements AutoCloseable {

  private static final int WIDTH = 30;

  private final String label;
  private final long total;
  private final PrintStream out = System.err;
  private final boolean terminal = System.console() != null;
  private int lastQuarter = -1;
  private long current;
  private boolean finished;

  ProgressBar(String label, long total) {
    this.label = label;
    this.total = Math.max(1, total);
  }

  void update(long done) {
    current = done;
    int filled = (int) Math.min(WIDTH, WIDTH * done / total);
    String line =
        String.format(
            "%-24s [%s%s] %,d/%,d",
            label, "=".repeat(filled), " ".repeat(WIDTH - filled), done, total);
    if (terminal) {
      out.print("\r" + line);
    } else {
      int quarter = (int) Math.min(4, 4 * done / total);
      if (quarter != lastQuarter) {
        lastQuarter = quarter;
        out.println(line);
      }
    }
  }

  /** Ends the bar's line, so that what is printed next starts on its own. Idempotent. */
  void finish() {
    if (finished) {
      return;
    }
    finished = true;
    if (terminal) {
      update(current);
      out.println();
    }
  }

  /** {@link #finish()}. */
  @Override
  public void close() {
    finish();
  }
}
