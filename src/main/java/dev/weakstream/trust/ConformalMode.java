package dev.weakstream.trust;

import java.util.Arrays;
import java.util.Locale;

/** Which gold scores a class's conformal test is calibrated on ({@code conformal.mode}). */
public enum ConformalMode {
  /** All gold records: the set covers the true class with probability >= 1 - alpha overall. */
  MARGINAL("marginal", (byte) 0),
  /**
   * Mondrian: class c is tested against the gold records of class c only, so the guarantee holds
   * for every class separately (rare classes are not sacrificed); needs enough gold of every class.
   */
  CLASS_CONDITIONAL("class_conditional", (byte) 1);

  private final String key;
  private final byte code;

  ConformalMode(String key, byte code) {
    this.key = key;
    this.code = code;
  }

  /** {@code marginal} or {@code class_conditional}. */
  public String key() {
    return key;
  }

  byte code() {
    return code;
  }

  /** The mode named {@code key} (case-insensitive). */
  public static ConformalMode of(String key) {
    for (ConformalMode mode : values()) {
      if (mode.key.equals(key.toLowerCase(Locale.ROOT))) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "unknown conformal mode '"
            + key
            + "'; known: "
            + String.join(", ", Arrays.stream(values()).map(ConformalMode::key).toList()));
  }

  static ConformalMode ofCode(byte code) {
    for (ConformalMode mode : values()) {
      if (mode.code == code) {
        return mode;
      }
    }
    throw new IllegalArgumentException("unknown conformal mode code " + code);
  }
}
