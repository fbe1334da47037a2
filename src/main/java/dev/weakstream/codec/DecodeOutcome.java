package dev.weakstream.codec;

import dev.weakstream.avro.DeadLetterReason;
import dev.weakstream.avro.RawRecord;
import java.util.Objects;

/** What decoding and validating one raw message gives: a record, or the reason it was rejected. */
public sealed interface DecodeOutcome {

  /**
   * A valid raw record.
   *
   * @param coercion how its text was coerced from a JSON scalar, if it was
   */
  record Decoded(RawRecord record, ScalarCoercion coercion) implements DecodeOutcome {
    public Decoded {
      Objects.requireNonNull(coercion, "coercion");
    }

    /** A record whose text needed no coercion. */
    public Decoded(RawRecord record) {
      this(record, ScalarCoercion.NONE);
    }
  }

  /** A message that cannot be labeled, and why. */
  record Rejected(DeadLetterReason reason, String message) implements DecodeOutcome {}
}
