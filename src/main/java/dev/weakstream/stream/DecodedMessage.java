package dev.weakstream.stream;

import dev.weakstream.avro.DeadLetter;
import dev.weakstream.avro.RawRecord;

/** A raw-topic message after decoding: accepted for labeling, or a dead letter. */
sealed interface DecodedMessage {

  record Accepted(RawRecord record) implements DecodedMessage {}

  record Rejected(DeadLetter letter) implements DecodedMessage {}
}
