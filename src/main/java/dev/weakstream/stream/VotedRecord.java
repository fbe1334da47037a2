package dev.weakstream.stream;

import dev.weakstream.avro.RawRecord;
import dev.weakstream.core.VoteRow;

/**
 * A raw record with the votes of every source on it (the pipeline's LFs, then its declared external
 * sources) and, when known, its position in the raw topic, between voting and combining. In-memory only: it never crosses a topic.
 */
record VotedRecord(RawRecord raw, VoteRow row, Integer sourcePartition, Long sourceOffset) {

  /** Without provenance (the raw record's position is not known here). */
  VotedRecord(RawRecord raw, VoteRow row) {
    this(raw, row, null, null);
  }

  VotedRecord withRow(VoteRow newRow) {
    return new VotedRecord(raw, newRow, sourcePartition, sourceOffset);
  }
}
