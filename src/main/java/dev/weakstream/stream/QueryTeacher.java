package dev.weakstream.stream;

import dev.weakstream.avro.RawRecord;
import dev.weakstream.core.Labeler;
import dev.weakstream.core.LabelingFunction;
import dev.weakstream.core.VoteRow;
import dev.weakstream.metrics.TeacherMetrics;
import dev.weakstream.pipeline.StudentDefinition;
import dev.weakstream.pipeline.TeacherDefinition;
import dev.weakstream.student.StudentScore;
import dev.weakstream.teacher.TeacherCache;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Adds the teacher's soft vote to the records where it pays (active distillation) and passes the
 * others on with the teacher abstaining, reason counted: covered by LFs, confident label model,
 * over the call rate cap, few-shot head not fitted yet, or — with a student — the student is at
 * least {@code skip_teacher_confidence} confident and no vote disagrees with its label. Cached
 * outputs are used without a call.
 *
 * <p>Records for the teacher wait in a batch until {@code batch_size} are pending or the oldest has
 * waited {@code max_wait_ms}; then one model call labels them all. Exactly-once: each pending
 * record is put in a changelogged store in the same transaction as its input offset and deleted in
 * the transaction that forwards it, so a crash with a partly filled batch loses and duplicates
 * nothing — the restored task finds the batch in its store and sends it at the next flush. The
 * store's values are {@link PendingTeacherRecord}s (versioned; every version is read back).
 */
final class QueryTeacher implements Processor<String, VotedRecord, String, VotedRecord> {

  private final StreamTeacher teacher;
  private final TeacherDefinition definition;
  private final Supplier<Labeler> labeler;
  private final TeacherMetrics metrics;
  private final String storeName;
  private final StudentDefinition student;
  private final List<PendingTeacherRecord> pending = new ArrayList<>();
  private ProcessorContext<String, VotedRecord> context;
  private KeyValueStore<Long, byte[]> store;
  private long nextSequence;
  private long windowStart;
  private long callsInWindow;

  QueryTeacher(
      StreamTeacher teacher, Supplier<Labeler> labeler, TeacherMetrics metrics, String storeName) {
    this(teacher, labeler, metrics, storeName, null);
  }

  /**
   * @param student the pipeline's student, whose confident scores may stand in for the teacher, or
   *     null
   */
  QueryTeacher(
      StreamTeacher teacher,
      Supplier<Labeler> labeler,
      TeacherMetrics metrics,
      String storeName,
      StudentDefinition student) {
    this.student = student;
    this.teacher = teacher;
    this.definition = teacher.definition();
    this.labeler = labeler;
    this.metrics = metrics;
    this.storeName = storeName;
  }

  @Override
  public void init(ProcessorContext<String, VotedRecord> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
    try (KeyValueIterator<Long, byte[]> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<Long, byte[]> entry = it.next();
        pending.add(PendingTeacherRecord.decode(entry.key, entry.value, storeName));
        nextSequence = Math.max(nextSequence, entry.key + 1);
      }
    }
    context.schedule(
        definition.maxWait(),
        PunctuationType.WALL_CLOCK_TIME,
        now -> {
          teacher.adoptRefittedHead();
          if (!pending.isEmpty()
              && now - pending.get(0).enqueuedAt() >= definition.maxWait().toMillis()) {
            flush();
          }
        });
  }

  @Override
  public void process(Record<String, VotedRecord> record) {
    teacher.adoptRefittedHead(); // a head refitted in the background, swapped in between records
    VotedRecord voted = record.value();
    RawRecord raw = voted.raw();
    if (raw.getGoldLabel() != null) {
      teacher.gold(raw.getText(), raw.getGoldLabel());
    }
    String skip = skipReason(voted);
    if (skip != null) {
      metrics.skipped(skip);
      context.forward(record.withValue(withTeacher(voted, null, null)));
      return;
    }
    StreamTeacher.Head head = teacher.head();
    float[] cached = head.cache().get(TeacherCache.key(raw.getText()));
    if (cached != null) {
      metrics.skipped("cached");
      context.forward(
          record.withValue(withTeacher(voted, toDoubles(cached), voter(head.version()))));
      return;
    }
    long now = context.currentSystemTimeMs();
    PendingTeacherRecord p =
        new PendingTeacherRecord(nextSequence++, record.key(), voted, now, record.timestamp());
    store.put(p.sequence(), p.encode());
    pending.add(p);
    if (pending.size() >= definition.batchSize()) {
      flush();
    }
  }

  private String skipReason(VotedRecord voted) {
    VoteRow row = voted.row();
    if (!teacher.ready()) {
      return "not_ready";
    }
    switch (definition.query()) {
      case UNCOVERED -> {
        if (row.covered()) {
          return "covered";
        }
      }
      case LOW_CONFIDENCE -> {
        // the label model knows the teacher as its last source: ask it with the teacher abstaining
        if (labeler.get().predict(withTeacher(voted, null, null).row()).confidence()
            >= definition.confidenceBelow()) {
          return "confident";
        }
      }
      case ALWAYS -> {}
    }
    if (studentStandsIn(voted)) {
      return "student";
    }
    if (definition.maxCallsPerSecond() > 0) {
      long now = context.currentSystemTimeMs();
      if (now - windowStart >= 1000) {
        windowStart = now;
        callsInWindow = 0;
      }
      if (callsInWindow >= definition.maxCallsPerSecond()) {
        return "rate_limit";
      }
      callsInWindow++;
    }
    return null;
  }

  /**
   * The student stands in for the teacher when it is at least {@code skip_teacher_confidence} sure
   * and agrees with the LFs: its label has strictly the most votes among the sources that voted
   * (any label does when none voted).
   */
  private boolean studentStandsIn(VotedRecord voted) {
    StudentScore score = voted.student();
    if (student == null || score == null || score.confidence() < student.skipTeacherConfidence()) {
      return false;
    }
    int[] counts = new int[score.probabilities().length];
    for (int vote : voted.row().votes()) {
      if (vote != LabelingFunction.ABSTAIN && vote < counts.length) {
        counts[vote]++;
      }
    }
    for (int c = 0; c < counts.length; c++) {
      if (c != score.label() && counts[c] >= counts[score.label()] && counts[c] > 0) {
        return false;
      }
    }
    return true;
  }

  private void flush() {
    if (!teacher.ready()) {
      return; // a restored batch of a few-shot teacher waits for its head
    }
    List<String> texts = pending.stream().map(p -> p.record().raw().getText()).toList();
    long start = System.nanoTime();
    StreamTeacher.Predictions predictions = teacher.predict(texts);
    double[][] probabilities = predictions.probabilities();
    long now = context.currentSystemTimeMs();
    metrics.called(pending.size(), System.nanoTime() - start);
    // the cache of the head that answered: a head swapped in meanwhile starts with its own
    TeacherCache cache = predictions.head().cache();
    // the version of the head that answered, fixed now: also for a batch restored from the store
    VotingTeacher voter = voter(predictions.head().version());
    for (int i = 0; i < pending.size(); i++) {
      PendingTeacherRecord p = pending.get(i);
      metrics.waited(now - p.enqueuedAt());
      float[] asFloats = new float[probabilities[i].length];
      for (int k = 0; k < asFloats.length; k++) {
        asFloats[k] = (float) probabilities[i][k];
      }
      cache.put(TeacherCache.key(texts.get(i)), asFloats);
      context.forward(
          new Record<>(p.key(), withTeacher(p.record(), probabilities[i], voter), p.timestamp()));
      store.delete(p.sequence());
    }
    pending.clear();
  }

  private VotingTeacher voter(String headVersion) {
    return new VotingTeacher(definition.name(), headVersion);
  }

  /**
   * The record's vote row with one more source, the teacher: its soft vote, stamped with the
   * teacher that cast it, or an abstain (probabilities and voter null).
   */
  private static VotedRecord withTeacher(
      VotedRecord voted, double[] probabilities, VotingTeacher voter) {
    VoteRow row = voted.row();
    int n = row.size();
    int[] votes = Arrays.copyOf(row.votes(), n + 1);
    double[][] soft = row.soft() == null ? null : Arrays.copyOf(row.soft(), n + 1);
    if (probabilities == null) {
      votes[n] = LabelingFunction.ABSTAIN;
    } else {
      soft = soft == null ? new double[n + 1][] : soft;
      soft[n] = probabilities;
      votes[n] = ApplyLabelingFunctions.argmax(probabilities);
    }
    return voted.withTeacherVote(
        new VoteRow(votes, soft, row.tieKey()), probabilities == null ? null : voter);
  }

  private static double[] toDoubles(float[] values) {
    double[] out = new double[values.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = values[k];
    }
    return out;
  }
}
