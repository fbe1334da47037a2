package dev.weakstream.testing;

import java.time.Duration;

/**
 * Waits until a condition holds, checking it every 100 ms, and fails the test with what it waited
 * for when the time runs out. The one polling loop of the integration tests, so that each waits the
 * same way and says the same thing when it gives up. Stateless; a condition is called on the test's
 * thread.
 */
public final class Eventually {

  /** How long a wait lasts unless told otherwise: generous for a broker on a shared 2-core box. */
  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(90);

  private static final long POLL_MILLIS = 100;

  /** A condition the system under test makes true in its own time; it may throw. */
  @FunctionalInterface
  public interface Condition {
    /** Whether the condition holds now. */
    boolean holds() throws Exception;
  }

  private Eventually() {}

  /** Waits up to {@link #DEFAULT_WAIT} for {@code condition}; {@code what} names it on failure. */
  public static void await(Condition condition, String what) throws InterruptedException {
    await(condition, DEFAULT_WAIT, what);
  }

  /**
   * Waits up to {@code within} for {@code condition}.
   *
   * @throws AssertionError when it does not hold in time, or when checking it threw a checked
   *     exception (the cause); unchecked exceptions pass through unchanged
   */
  public static void await(Condition condition, Duration within, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!holds(condition, what)) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not within " + within.toMillis() / 1000.0 + " s: " + what);
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  private static boolean holds(Condition condition, String what) throws InterruptedException {
    try {
      return condition.holds();
    } catch (RuntimeException | InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw new AssertionError("while waiting for " + what, e);
    }
  }
}
