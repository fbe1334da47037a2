package dev.weakstream.stream;

import dev.weakstream.avro.RawRecord;
import dev.weakstream.core.VoteRow;
import dev.weakstream.student.StudentScore;

/**
 * A raw record with the votes of every source on it (the pipeline's LFs, then its declared external
 * sources) and, when known, its position in the raw topic and the scores of the active student and
 * of the candidate in shadow, between voting and combining. In-memory only: it never crosses a
 * topic.
 */
record VotedRecord(
    RawRecord raw,
    VoteRow row,
    Integer sourcePartition,
    Long sourceOffset,
    StudentScore student,
    StudentScore candidate) {

  /** Not scored by a student. */
  VotedRecord(RawRecord raw, VoteRow row, Integer sourcePartition, Long sourceOffset) {
    this(raw, row, sourcePartition, sourceOffset, null, null);
  }

  /** Without provenance (the raw record's position is not known here). */
  VotedRecord(RawRecord raw, VoteRow row) {
    this(raw, row, null, null);
  }

  VotedRecord withRow(VoteRow newRow) {
    return new VotedRecord(raw, newRow, sourcePartition, sourceOffset, student, candidate);
  }

  VotedRecord withStudent(StudentScore active, StudentScore shadow) {
    return new VotedRecord(raw, row, sourcePartition, sourceOffset, active, shadow);
  }
}
