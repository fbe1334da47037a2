package dev.weakstream.stream;

import dev.weakstream.avro.GoldRow;
import dev.weakstream.avro.LabelModelStatistics;
import dev.weakstream.kafka.AvroSerde;
import dev.weakstream.labelmodel.VoteStatistics;
import dev.weakstream.pipeline.LabelModelDefinition;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Accumulates this task's label-model statistics from the votes of weak records, keeps a bounded
 * sample of gold-labeled records apart (never trained on; they choose hyper-parameters), and
 * publishes the task's snapshot every {@code snapshot_every_records} records (and on the refit
 * interval) to the statistics topic, keyed by task id, for one merged fit.
 *
 * <p>Exactly-once with the rest of the task: each record's vote row is logged to a changelogged
 * store in the same transaction as its input offset; a snapshot folds the log into the statistics
 * (key {@value #SNAPSHOT_KEY}) and moves the log's base sequence (key {@value #BASE_KEY}) past it,
 * in the same transaction. Live rows are those with a sequence at or past the base; on restore the
 * statistics are the snapshot plus the live rows in sequence order, so a crash neither loses nor
 * double-counts a record: a row is either live (logged after the snapshot, replayed) or below the
 * base (folded into the snapshot, ignored), and all three change in one transaction.
 *
 * <p>The log is a ring of chunks: row {@code s} belongs to chunk {@code s / }{@value #CHUNK_ROWS},
 * stored under key {@code chunk % slots} as the chunk's rows so far, each with its sequence. Each
 * record rewrites its chunk's entry, and the cached store sends only the last version of each key
 * per commit, so the changelog gets one message per {@value #CHUNK_ROWS} rows instead of one per
 * row (per-row messages cost the youtube pipeline a fifth of its throughput in {@code bench
 * pipeline}). A snapshot is taken no later than the row that fills {@code snapshot_every_records},
 * and there is one slot more than that many rows need, so a chunk only ever overwrites a chunk
 * whose rows are all below the base.
 *
 * <p>Store formats, each versioned so that state written by an earlier release restores ({@link
 * StoreFormats}): a chunk entry is {@code "WSCH"}, a version byte ({@value #CHUNK_VERSION}; 0 in
 * the first release's chunks, see {@link #CHUNK_VERSION}), then per row {@code int length, long
 * sequence, vote row} ({@link VoteRowBytes}, any version); the base is {@code 'B', version byte
 * ({@value #BASE_VERSION}), long} (version 0: the bare long); the snapshot is Avro single-object
 * encoded {@code LabelModelStatistics}. Entries of the two layouts before the chunks are still
 * read: a row per key after its sequence, and a row per key without one (no base then).
 */
final class UpdateLabelModelStatistics
    implements Processor<String, VotedRecord, String, LabelModelStatistics> {

  static final long SNAPSHOT_KEY = -1L;

  /** Key of the log's base: the sequence of the first row not folded into the snapshot. */
  static final long BASE_KEY = -2L;

  static final int MAX_GOLD_ROWS = 2_000;

  /** Rows per changelog entry of the log. */
  static final int CHUNK_ROWS = 32;

  /**
   * First int of a chunk entry; an entry of the former one-row-per-key log starts with a sequence's
   * zeros.
   */
  static final int CHUNK_MAGIC = 0x57534348; // "WSCH"

  /**
   * The chunk format this class writes: the byte after {@link #CHUNK_MAGIC}. In a version-0 chunk
   * (the first release's) that byte is the top byte of the first row's length, always 0 (a row is
   * far below 16 MiB), so a version-0 chunk reads as version 0.
   */
  static final int CHUNK_VERSION = 1;

  /** First byte of a versioned base entry; a version-0 base (a bare long) starts with 0x00. */
  static final byte BASE_MAGIC = 0x42; // 'B'

  /** The base format this class writes. */
  static final int BASE_VERSION = 1;

  private final int numSources;
  private final int numClasses;
  private final String lfSetVersion;
  private final LabelModelDefinition config;
  private final String storeName;
  private final AvroSerde<LabelModelStatistics> snapshotSerde =
      new AvroSerde<>(new LabelModelStatistics());

  private ProcessorContext<String, LabelModelStatistics> context;
  private KeyValueStore<Long, byte[]> store;
  private VoteStatistics statistics;
  private List<GoldRow> gold;
  private long records;
  private long ringSize;
  private long slots;
  private long nextSequence;
  private long loggedRows;

  /** The chunk being filled, and its entry so far (rows with their lengths, after the magic). */
  private long openChunk = -1;

  private final ByteArrayOutputStream chunkBytes = new ByteArrayOutputStream();

  /** The restored log does not fit this ring (another format or size): fold it first. */
  private boolean snapshotDue;

  /**
   * Keys the next snapshot deletes: entries of another format or ring size that no chunk will
   * overwrite.
   */
  private final List<Long> staleKeys = new ArrayList<>();

  UpdateLabelModelStatistics(
      int numSources,
      int numClasses,
      String lfSetVersion,
      LabelModelDefinition config,
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
    context.schedule(
        config.refitInterval(),
        PunctuationType.WALL_CLOCK_TIME,
        now -> {
          if (loggedRows > 0) {
            snapshot();
          }
        });
  }

  private void restore() {
    byte[] snapshot = store.get(SNAPSHOT_KEY);
    LabelModelStatistics saved =
        snapshot == null ? null : snapshotSerde.deserializer().deserialize(null, snapshot);
    if (saved != null && saved.getLfSetVersion().equals(lfSetVersion)) {
      statistics = VoteStatistics.fromBytes(bytes(saved.getStatistics()));
      gold = new ArrayList<>(saved.getGoldRows());
      records = saved.getRecords();
    } else {
      statistics =
          new VoteStatistics(
              numSources,
              numClasses,
              config.capacity(),
              config.halfLifeRecords(),
              VoteStatistics.DEFAULT_SEED);
      gold = new ArrayList<>();
      records = 0;
    }
    ringSize = config.snapshotEveryRecords();
    slots = (ringSize + CHUNK_ROWS - 1) / CHUNK_ROWS + 1;
    byte[] baseBytes = store.get(BASE_KEY);
    List<KeyValue<Long, byte[]>> entries = new ArrayList<>();
    try (KeyValueIterator<Long, byte[]> log = store.range(0L, Long.MAX_VALUE)) {
      log.forEachRemaining(entries::add);
    }
    snapshotDue = false;
    staleKeys.clear();
    if (baseBytes == null) {
      restoreLegacyLog(entries);
      return;
    }
    long base = readBase(baseBytes);
    List<LoggedRow> live = new ArrayList<>();
    for (KeyValue<Long, byte[]> entry : entries) {
      boolean chunk = ByteBuffer.wrap(entry.value).getInt() == CHUNK_MAGIC;
      List<LoggedRow> rows =
          chunk
              ? chunkRows(entry.value, storeName)
              : List.of(new LoggedRow(ByteBuffer.wrap(entry.value).getLong(), entry.value));
      for (LoggedRow row : rows) {
        if (row.sequence() >= base) {
          live.add(row);
          snapshotDue |= !chunk || entry.key != (row.sequence() / CHUNK_ROWS) % slots;
        }
      }
      if (entry.key >= slots || !chunk) {
        staleKeys.add(entry.key); // from another layout: no chunk of this ring may overwrite it
      }
    }
    live.sort(Comparator.comparingLong(LoggedRow::sequence));
    nextSequence = base;
    loggedRows = 0;
    for (LoggedRow row : live) {
      if (row.sequence() != nextSequence) {
        throw new IllegalStateException(
            "statistics log of task "
                + context.taskId()
                + " has a gap: expected row "
                + nextSequence
                + ", found "
                + row.sequence());
      }
      apply(VoteRowBytes.decode(row.bytes(), Long.BYTES, storeName));
      nextSequence++;
      loggedRows++;
    }
    snapshotDue |= loggedRows >= ringSize;
    if (snapshotDue) {
      return;
    }
    for (long key : staleKeys) {
      store.delete(key); // holds only rows below the base
    }
    staleKeys.clear();
    // Rows of the open chunk stay in its entry: the next row rewrites the entry with them.
    openChunk = nextSequence / CHUNK_ROWS;
    startChunk();
    for (LoggedRow row : live) {
      if (row.sequence() / CHUNK_ROWS == openChunk) {
        appendRow(row.bytes());
      }
    }
  }

  /**
   * A store without a base: new (the base starts at 0), or written before the ring (rows under keys
   * 0.. without sequences, deleted at each snapshot). Legacy rows are applied and stay until the
   * next snapshot, which deletes them in its transaction.
   */
  private void restoreLegacyLog(List<KeyValue<Long, byte[]>> entries) {
    nextSequence = 0;
    loggedRows = 0;
    for (KeyValue<Long, byte[]> entry : entries) {
      apply(VoteRowBytes.decode(entry.value, 0, storeName));
      nextSequence++;
      loggedRows++;
      staleKeys.add(entry.key);
    }
    snapshotDue = !entries.isEmpty();
    if (!snapshotDue) {
      store.put(BASE_KEY, sequenceBytes(0));
    }
  }

  /** A logged row: its sequence, and its bytes (the sequence, then the row). */
  private record LoggedRow(long sequence, byte[] bytes) {}

  /** The rows of a chunk entry of any version. */
  private static List<LoggedRow> chunkRows(byte[] entry, String store) {
    ByteBuffer buffer = ByteBuffer.wrap(entry);
    buffer.getInt(); // magic
    int version = buffer.hasRemaining() ? entry[Integer.BYTES] & 0xFF : 0;
    switch (version) {
      case 0 -> {} // the rows follow the magic
      case CHUNK_VERSION -> buffer.get();
      default ->
          throw StoreFormats.unknownVersion(store, "statistics log chunk", version, CHUNK_VERSION);
    }
    List<LoggedRow> rows = new ArrayList<>();
    while (buffer.hasRemaining()) {
      byte[] row = new byte[buffer.getInt()];
      buffer.get(row);
      rows.add(new LoggedRow(ByteBuffer.wrap(row).getLong(), row));
    }
    return rows;
  }

  private void startChunk() {
    chunkBytes.reset();
    writeInt(CHUNK_MAGIC);
    chunkBytes.write(CHUNK_VERSION);
  }

  private void appendRow(byte[] row) {
    writeInt(row.length);
    chunkBytes.writeBytes(row);
  }

  private void writeInt(int value) {
    chunkBytes.write(value >>> 24);
    chunkBytes.write(value >>> 16);
    chunkBytes.write(value >>> 8);
    chunkBytes.write(value);
  }

  @Override
  public void process(Record<String, VotedRecord> record) {
    VotedRecord voted = record.value();
    VoteRowBytes.Entry entry = new VoteRowBytes.Entry(voted.row(), voted.raw().getGoldLabel());
    apply(entry);
    if (!snapshotDue) {
      long chunk = nextSequence / CHUNK_ROWS;
      if (chunk != openChunk) {
        openChunk = chunk;
        startChunk(); // overwrites a chunk whose rows were all folded into a snapshot (or an empty
        // slot)
      }
      appendRow(VoteRowBytes.encode(entry.row(), entry.gold(), nextSequence));
      store.put(chunk % slots, chunkBytes.toByteArray());
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
      gold.add(
          new GoldRow(
              entry.row().tieKey(),
              Arrays.stream(entry.row().votes()).boxed().toList(),
              entry.gold()));
    }
  }

  /** Folds the log into the snapshot entry, clears the log and publishes the snapshot. */
  private void snapshot() {
    LabelModelStatistics snapshot =
        LabelModelStatistics.newBuilder()
            .setTaskId(context.taskId().toString())
            .setLfSetVersion(lfSetVersion)
            .setRecords(records)
            .setStatistics(ByteBuffer.wrap(statistics.toBytes()))
            .setGoldRows(List.copyOf(gold))
            .setPublishedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
            .build();
    store.put(SNAPSHOT_KEY, snapshotSerde.serializer().serialize(null, snapshot));
    store.put(BASE_KEY, sequenceBytes(nextSequence));
    for (long key : staleKeys) {
      store.delete(key);
    }
    staleKeys.clear();
    loggedRows = 0;
    snapshotDue = false;
    openChunk = -1; // the open chunk's rows are folded: the next row starts its entry afresh
    context.forward(new Record<>(snapshot.getTaskId(), snapshot, context.currentSystemTimeMs()));
  }

  /** A base entry. */
  private static byte[] sequenceBytes(long sequence) {
    return ByteBuffer.allocate(2 + Long.BYTES)
        .put(BASE_MAGIC)
        .put((byte) BASE_VERSION)
        .putLong(sequence)
        .array();
  }

  /** The sequence in a base entry of any version. */
  private long readBase(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    if (bytes[0] == BASE_MAGIC) {
      buffer.get();
      int version = buffer.get() & 0xFF;
      if (version != BASE_VERSION) {
        throw StoreFormats.unknownVersion(storeName, "statistics log base", version, BASE_VERSION);
      }
    } // else version 0: the bare long
    return buffer.getLong();
  }

  static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] out = new byte[copy.remaining()];
    copy.get(out);
    return out;
  }
}
