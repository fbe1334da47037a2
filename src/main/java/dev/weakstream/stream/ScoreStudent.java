package dev.weakstream.stream;

import dev.weakstream.avro.RawRecord;
import dev.weakstream.core.TextRecord;
import dev.weakstream.student.StudentScore;
import dev.weakstream.student.StudentSlots;
import java.util.List;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Scores each record with the active student, and the candidate in shadow, each under a lease (so a
 * swap never closes a model under this call), and carries the scores on. Without an active student
 * the record passes unscored. A student that fails on a record is counted and the record passes
 * unscored.
 */
final class ScoreStudent implements FixedKeyProcessor<String, VotedRecord, VotedRecord> {

  private final StreamStudent student;
  private FixedKeyProcessorContext<String, VotedRecord> context;

  ScoreStudent(StreamStudent student) {
    this.student = student;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, VotedRecord> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, VotedRecord> record) {
    VotedRecord voted = record.value();
    RawRecord raw = voted.raw();
    TextRecord text = new TextRecord(raw.getId(), raw.getText(), raw.getAttributes());
    StudentScore active = score(student.students().lease(), text);
    StudentScore candidate = score(student.students().leaseCandidate(), text);
    context.forward(record.withValue(voted.withStudent(active, candidate)));
  }

  private StudentScore score(StudentSlots.Lease lease, TextRecord text) {
    if (lease == null) {
      return null;
    }
    try (lease) {
      double[] probabilities = lease.model().predict(List.of(text))[0];
      return StudentScore.of(lease.model().name(), lease.model().version(), probabilities);
    } catch (RuntimeException e) {
      student.metrics().scoringFailed();
      return null;
    }
  }
}
