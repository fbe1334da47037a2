package dev.weakstream.stream;

import dev.weakstream.avro.RawRecord;
import dev.weakstream.core.VoteRow;
import dev.weakstream.student.StudentScore;

/**
 * A raw record with the votes of every source on it (the pipeline's LFs, then its declared external
 * sources, then the teacher when there is one) and, when known, its position in the raw topic, the
 * scores of the active student and of the candidate in shadow, and the teacher (name and head
 * version) that cast the soft vote, between voting and combining. In-memory only: it never crosses
 * a topic.
 *
 * @param teacher the teacher whose soft vote is the row's last source, or null when no teacher
 *     voted (none in the pipeline, or it abstained)
 */
record VotedRecord(
    RawRecord raw,
    VoteRow row,
    Integer sourcePartition,
    Long sourceOffset,
    StudentScore student,
    StudentScore candidate,
    VotingTeacher teacher) {

  /** Before the teacher voted. */
  VotedRecord(
      RawRecord raw,
      VoteRow row,
      Integer sourcePartition,
      Long sourceOffset,
      StudentScore student,
      StudentScore candidate) {
    this(raw, row, sourcePartition, sourceOffset, student, candidate, null);
  }

  /** Not scored by a student. */
  VotedRecord(RawRecord raw, VoteRow row, Integer sourcePartition, Long sourceOffset) {
    this(raw, row, sourcePartition, sourceOffset, null, null);
  }

  /** Without provenance (the raw record's position is not known here). */
  VotedRecord(RawRecord raw, VoteRow row) {
    this(raw, row, null, null);
  }

  VotedRecord withRow(VoteRow newRow) {
    return new VotedRecord(raw, newRow, sourcePartition, sourceOffset, student, candidate, teacher);
  }

  /**
   * With the teacher's source added to the row, and the teacher that voted (null when it
   * abstained).
   */
  VotedRecord withTeacherVote(VoteRow newRow, VotingTeacher voter) {
    return new VotedRecord(raw, newRow, sourcePartition, sourceOffset, student, candidate, voter);
  }

  VotedRecord withStudent(StudentScore active, StudentScore shadow) {
    return new VotedRecord(raw, row, sourcePartition, sourceOffset, active, shadow, teacher);
  }
}
