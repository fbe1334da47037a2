package dev.weakstream.trust;

import java.util.Arrays;
import java.util.Locale;

/**
 * Which calibrator a pipeline uses ({@code calibration: temperature | histogram | none}).
 *
 * <p>The default is {@link #HISTOGRAM}, by measurement (docs/trust.md): the label model's
 * confidence is not a monotone power of its accuracy — on WRENCH youtube the posteriors near 0.5
 * are right 84% of the time and those near 1 only 94-98%; on trec the flattest posteriors (top
 * probability 0.17) are right 37-51% of the time — so one temperature cannot fix it (test ECE
 * youtube 0.22 → 0.22, trec 0.42 → 0.29), while binning the top-label confidence does (youtube
 * 0.03, sms 0.03).
 */
public enum CalibrationKind {
  /** One parameter: probabilities raised to 1/T and renormalised, T fitted by minimising NLL. */
  TEMPERATURE("temperature", (byte) 1),
  /** Top-label histogram binning: equal-mass bins of confidence, each mapped to its accuracy. */
  HISTOGRAM("histogram", (byte) 2),
  /** The raw probabilities. */
  NONE("none", (byte) 0);

  /** The calibrator used when a pipeline does not choose. */
  public static final CalibrationKind DEFAULT = HISTOGRAM;

  private final String key;
  private final byte code;

  CalibrationKind(String key, byte code) {
    this.key = key;
    this.code = code;
  }

  /**
   * The name in configuration and reports: {@code temperature}, {@code histogram}, {@code none}.
   */
  public String key() {
    return key;
  }

  byte code() {
    return code;
  }

  /** The kind named {@code key} (case-insensitive). */
  public static CalibrationKind of(String key) {
    for (CalibrationKind kind : values()) {
      if (kind.key.equals(key.toLowerCase(Locale.ROOT))) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "unknown calibration '"
            + key
            + "'; known: "
            + String.join(", ", Arrays.stream(values()).map(CalibrationKind::key).toList()));
  }

  static CalibrationKind ofCode(byte code) {
    for (CalibrationKind kind : values()) {
      if (kind.code == code) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown calibrator code " + code);
  }
}
