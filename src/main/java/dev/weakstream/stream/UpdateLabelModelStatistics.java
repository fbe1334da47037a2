package dev.weakstream.stream;

import dev.weakstream.avro.GoldRow;
import dev.weakstream.avro.LabelModelStatistics;
import dev.weakstream.labelmodel.VoteStatistics;
import dev.weakstream.pipeline.LabelModelDefinition;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Accumulates this task's label-model statistics from the votes of weak records, keeps a bounded sample
 * of gold-labeled records apart (never trained on; they choose hyper-parameters), and publishes the
 * task's snapshot every {@code snapshot_every_records} records (and on the refit interval) to the
 * statistics topic, keyed by task id, for one merged fit.
 *
 * <p>Exactly-once with the rest of the task: each record's vote row is logged to a changelogged store
 * in the same transaction as its input offset; a snapshot folds the log into the statistics (key
 * {@value #SNAPSHOT_KEY}) and moves the log's base sequence (key {@value #BASE_KEY}) past it, in the
 * same transaction. The log is a ring: row {@code s} is stored under key {@code s % snapshot_every_records}
 * with {@code s} in its value, so a snapshot never deletes rows — the next rows overwrite them — and the
 * cached store flushes at most one ring of keys per commit. Live rows are those with a sequence at or
 * past the base; a snapshot is taken no later than the row that fills the ring, so live rows never share
 * a key. On restore the statistics are the snapshot plus the live rows in sequence order, so a crash
 * neither loses nor double-counts a record: a row is either live (logged after the snapshot, replayed)
 * or below the base (folded into the snapshot, ignored), and all three keys change in one transaction.
 */
final class UpdateLabelModelStatistics implements Processor<String, VotedRecord, String, LabelModelStatistics> {

  static final long SNAPSHOT_KEY = -1L;
  /** Key of the log's base: the sequence of the first row not folded into the snapshot (8 bytes). */
  static final long BASE_KEY = -2L;
  static final int MAX_GOLD_ROWS = 2_000;

  private final int numSources;
  private final int numClasses;
  private final String lfSetVersion;
  private final LabelModelDefinition config;
  private final String storeName;
  private final AvroSerde<LabelModelStatistics> snapshotSerde = new AvroSerde<>(new LabelModelStatistics());

  private ProcessorContext<String, LabelModelStatistics> context;
  private KeyValueStore<Long, byte[]> store;
  private VoteStatistics statistics;
  private List<GoldRow> gold;
  private long records;
  private long ringSize;
  private long nextSequence;
  private long loggedRows;
  /** The restored log does not fit this ring (legacy format, or a changed snapshot size): fold it first. */
  private boolean snapshotDue;
  /** Rows of a legacy log (keys 0..legacyRows-1), deleted by the next snapshot. */
  private long legacyRows;

  UpdateLabelModelStatistics(int numSources, int numClasses, String lfSetVersion, LabelModelDefinition config,
      String storeName) {
    this.numSources = numSources;
    this.numClasses = numClasses;
    this.lfSetVersion = lfSetVersion;
    this.config = config;
    this.storeName = storeName;
  }

  @Override
  public void init(ProcessorContext<String, LabelModelStatistics> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
    restore();
    context.schedule(config.refitInterval(), PunctuationType.WALL_CLOCK_TIME, now -> {
      if (loggedRows > 0) {
        snapshot();
      }
    });
  }

  private void restore() {
    byte[] snapshot = store.get(SNAPSHOT_KEY);
    LabelModelStatistics saved = snapshot == null ? null : snapshotSerde.deserializer().deserialize(null, snapshot);
    if (saved != null && saved.getLfSetVersion().equals(lfSetVersion)) {
      statistics = VoteStatistics.fromBytes(bytes(saved.getStatistics()));
      gold = new ArrayList<>(saved.getGoldRows());
      records = saved.getRecords();
    } else {
      statistics = new VoteStatistics(numSources, numClasses, config.capacity(), config.halfLifeRecords(),
          VoteStatistics.DEFAULT_SEED);
      gold = new ArrayList<>();
      records = 0;
    }
    ringSize = config.snapshotEveryRecords();
    byte[] baseBytes = store.get(BASE_KEY);
    List<KeyValue<Long, byte[]>> entries = new ArrayList<>();
    try (KeyValueIterator<Long, byte[]> log = store.range(0L, Long.MAX_VALUE)) {
      log.forEachRemaining(entries::add);
    }
    snapshotDue = false;
    legacyRows = 0;
    if (baseBytes == null) {
      restoreLegacyLog(entries);
      return;
    }
    long base = ByteBuffer.wrap(baseBytes).getLong();
    List<LoggedRow> live = new ArrayList<>();
    for (KeyValue<Long, byte[]> entry : entries) {
      long sequence = ByteBuffer.wrap(entry.value).getLong();
      if (sequence >= base) {
        live.add(new LoggedRow(entry.key, sequence, entry.value));
        snapshotDue |= entry.key != sequence % ringSize;
      } else if (entry.key >= ringSize) {
        store.delete(entry.key); // stale, from a larger ring: nothing will overwrite it
      }
    }
    live.sort(java.util.Comparator.comparingLong(LoggedRow::sequence));
    nextSequence = base;
    loggedRows = 0;
    for (LoggedRow row : live) {
      if (row.sequence() != nextSequence) {
        throw new IllegalStateException("statistics log of task " + context.taskId() + " has a gap: expected row "
            + nextSequence + ", found " + row.sequence());
      }
      apply(VoteRowBytes.decode(row.bytes(), Long.BYTES));
      nextSequence++;
      loggedRows++;
    }
    snapshotDue |= loggedRows >= ringSize;
  }

  /**
   * A store without a base: new (the base starts at 0), or written before the ring (rows under keys 0..
   * without sequences, deleted at each snapshot). Legacy rows are applied and stay until the next
   * snapshot, which deletes them in its transaction.
   */
  private void restoreLegacyLog(List<KeyValue<Long, byte[]>> entries) {
    nextSequence = 0;
    loggedRows = 0;
    for (KeyValue<Long, byte[]> entry : entries) {
      apply(VoteRowBytes.decode(entry.value, 0));
      nextSequence++;
      loggedRows++;
    }
    legacyRows = entries.size();
    snapshotDue = legacyRows > 0;
    if (!snapshotDue) {
      store.put(BASE_KEY, sequenceBytes(0));
    }
  }

  private record LoggedRow(long key, long sequence, byte[] bytes) {}

  @Override
  public void process(Record<String, VotedRecord> record) {
    VotedRecord voted = record.value();
    VoteRowBytes.Entry entry = new VoteRowBytes.Entry(voted.row(), voted.raw().getGoldLabel());
    apply(entry);
    if (!snapshotDue) {
      // Overwrites a row folded into the last snapshot (or an empty slot).
      store.put(nextSequence % ringSize, VoteRowBytes.encode(entry.row(), entry.gold(), nextSequence));
    }
    nextSequence++;
    loggedRows++;
    if (snapshotDue || loggedRows >= ringSize) {
      snapshot();
    }
  }

  private void apply(VoteRowBytes.Entry entry) {
    if (entry.gold() == null) {
      statistics.update(entry.row());
      records++;
    } else if (gold.size() < MAX_GOLD_ROWS) {
      gold.add(new GoldRow(entry.row().tieKey(), Arrays.stream(entry.row().votes()).boxed().toList(), entry.gold()));
    }
  }

  /** Folds the log into the snapshot entry, clears the log and publishes the snapshot. */
  private void snapshot() {
    LabelModelStatistics snapshot = LabelModelStatistics.newBuilder()
        .setTaskId(context.taskId().toString())
        .setLfSetVersion(lfSetVersion)
        .setRecords(records)
        .setStatistics(ByteBuffer.wrap(statistics.toBytes()))
        .setGoldRows(List.copyOf(gold))
        .setPublishedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
        .build();
    store.put(SNAPSHOT_KEY, snapshotSerde.serializer().serialize(null, snapshot));
    store.put(BASE_KEY, sequenceBytes(nextSequence));
    for (long key = 0; key < legacyRows; key++) {
      store.delete(key);
    }
    legacyRows = 0;
    loggedRows = 0;
    snapshotDue = false;
    context.forward(new Record<>(snapshot.getTaskId(), snapshot, context.currentSystemTimeMs()));
  }

  private static byte[] sequenceBytes(long sequence) {
    return ByteBuffer.allocate(Long.BYTES).putLong(sequence).array();
  }

  static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] out = new byte[copy.remaining()];
    copy.get(out);
    return out;
  }

}
