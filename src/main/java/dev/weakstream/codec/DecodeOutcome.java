package dev.weakstream.codec;

import dev.weakstream.avro.DeadLetterReason;
import dev.weakstream.avro.RawRecord;

/** What decoding and validating one raw message gives: a record, or the reason it was rejected. */
public sealed interface DecodeOutcome {

  /** A valid raw record. */
  record Decoded(RawRecord record) implements DecodeOutcome {}

  /** A message that cannot be labeled, and why. */
  record Rejected(DeadLetterReason reason, String message) implements DecodeOutcome {}
}
