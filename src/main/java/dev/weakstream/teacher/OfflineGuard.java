package dev.weakstream.teacher;

import java.util.Map;
import java.util.Properties;

/**
 * Refuses to load a HuggingFace tokenizer unless DJL is kept offline: DJL contacts the network (a
 * cloud metadata address, usage tracking) when its classes load unless BOTH the system property
 * {@code ai.djl.offline=true} and the environment variable {@code OPT_OUT_TRACKING=true} are set.
 * Weakstream never downloads anything, so a missing switch is a configuration error, not a warning.
 *
 * <p>Stateless and thread-safe.
 */
public final class OfflineGuard {

  /** The system property DJL reads. */
  public static final String OFFLINE_PROPERTY = "ai.djl.offline";

  /** The environment variable DJL reads. */
  public static final String TRACKING_VARIABLE = "OPT_OUT_TRACKING";

  private OfflineGuard() {}

  /** Checks the running JVM; throws if a switch is missing. */
  public static void check() {
    check(System.getenv(), System.getProperties());
  }

  /**
   * Checks the given environment and system properties (injected for tests).
   *
   * @throws IllegalStateException naming the missing switch and how to set it
   */
  public static void check(Map<String, String> env, Properties properties) {
    if (!"true".equalsIgnoreCase(properties.getProperty(OFFLINE_PROPERTY))) {
      throw new IllegalStateException(
          "refusing to load a tokenizer: system property "
              + OFFLINE_PROPERTY
              + "=true is not set (DJL would try the network). Fix: run java -D"
              + OFFLINE_PROPERTY
              + "=true, or call System.setProperty(\""
              + OFFLINE_PROPERTY
              + "\", \"true\") before any tokenizer class loads");
    }
    if (!"true".equalsIgnoreCase(env.get(TRACKING_VARIABLE))) {
      throw new IllegalStateException(
          "refusing to load a tokenizer: environment variable "
              + TRACKING_VARIABLE
              + "=true is not set (DJL would try the network). Fix: export "
              + TRACKING_VARIABLE
              + "=true before starting the JVM");
    }
  }
}
