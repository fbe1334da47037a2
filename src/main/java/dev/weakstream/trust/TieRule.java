package dev.weakstream.trust;

/**
 * How a conformal test treats gold scores equal to the record's score.
 *
 * <p>A label model's probabilities take few distinct values (one per vote pattern), so many gold
 * scores tie with a record's. {@link #CONSERVATIVE} counts every tie against exclusion — the plain
 * finite-sample quantile rule, coverage >= 1 - alpha but, with heavy ties, far above it (whole vote
 * patterns are in or out together). {@link #SMOOTHED} is Vovk's smoothed p-value: ties count with
 * weight U, a uniform in (0, 1] that is a deterministic function of the record id ({@link
 * RecordUniform}); under exchangeability its coverage is exactly 1 - alpha, and a record gets the
 * same set offline and in the stream.
 */
public enum TieRule {
  SMOOTHED((byte) 0),
  CONSERVATIVE((byte) 1);

  private final byte code;

  TieRule(byte code) {
    this.code = code;
  }

  byte code() {
    return code;
  }

  static TieRule ofCode(byte code) {
    for (TieRule rule : values()) {
      if (rule.code == code) {
        return rule;
      }
    }
    throw new IllegalArgumentException("unknown tie rule code " + code);
  }
}
