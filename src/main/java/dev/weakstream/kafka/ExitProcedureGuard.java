package dev.weakstream.kafka;

import org.apache.kafka.common.utils.internals.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces Kafka's JVM exit and halt procedures while at least one embedded broker runs, so a fatal
 * broker error ends the broker thread that hit it instead of {@code System.exit}-ing the whole
 * application (and the test JVM).
 *
 * <p>A suppressed exit is logged at ERROR and then thrown as {@link IllegalStateException} in the
 * calling Kafka thread, because Kafka code after {@code Exit.exit} assumes it never returns.
 *
 * <p>Kafka's {@code Exit} is JVM-global, so this guard is reference-counted: the first {@link
 * #acquire()} installs the procedures, the last {@link #release()} resets them to Kafka's defaults.
 * Thread-safe (all methods synchronize on the class). Anyone else who sets Kafka's exit procedures
 * while a broker runs will be overwritten on the last release.
 */
final class ExitProcedureGuard {

  private static final Logger LOG = LoggerFactory.getLogger(ExitProcedureGuard.class);
  private static int holders;

  private ExitProcedureGuard() {}

  /** Installs the non-exiting procedures if this is the first holder. */
  static synchronized void acquire() {
    if (holders++ == 0) {
      Exit.setExitProcedure((status, message) -> suppress("exit", status, message));
      Exit.setHaltProcedure((status, message) -> suppress("halt", status, message));
    }
  }

  /** Restores Kafka's default procedures if this was the last holder. Call once per acquire. */
  static synchronized void release() {
    if (holders == 0) {
      throw new IllegalStateException("release() without acquire()");
    }
    if (--holders == 0) {
      Exit.resetExitProcedure();
      Exit.resetHaltProcedure();
    }
  }

  private static void suppress(String kind, int status, String message) {
    LOG.error(
        "Embedded Kafka requested JVM {}({}): {} -- suppressed; the broker is likely unusable",
        kind,
        status,
        message);
    throw new IllegalStateException(
        "Kafka requested JVM "
            + kind
            + "("
            + status
            + "): "
            + message
            + " (suppressed by the embedded broker)");
  }
}
