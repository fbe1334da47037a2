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
 * (key = sequence number) in the same transaction as its input offset; a snapshot replaces the log with
 * the folded statistics (key {@value #SNAPSHOT_KEY}). On restore the statistics are the snapshot plus the
 * logged rows, so a crash neither loses nor double-counts a record.
 */
final class UpdateLabelModelStatistics implements Processor<String, VotedRecord, String, LabelModelStatistics> {

  static final long SNAPSHOT_KEY = -1L;
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
  private long nextSequence;
  private long loggedRows;

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
    nextSequence = 0;
    loggedRows = 0;
    try (KeyValueIterator<Long, byte[]> log = store.range(0L, Long.MAX_VALUE)) {
      while (log.hasNext()) {
        KeyValue<Long, byte[]> entry = log.next();
        apply(VoteRowBytes.decode(entry.value));
        nextSequence = entry.key + 1;
        loggedRows++;
      }
    }
  }

  @Override
  public void process(Record<String, VotedRecord> record) {
    VotedRecord voted = record.value();
    VoteRowBytes.Entry entry = new VoteRowBytes.Entry(voted.row(), voted.raw().getGoldLabel());
    apply(entry);
    store.put(nextSequence++, VoteRowBytes.encode(entry.row(), entry.gold()));
    loggedRows++;
    if (loggedRows >= config.snapshotEveryRecords()) {
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
    for (long seq = nextSequence - loggedRows; seq < nextSequence; seq++) {
      store.delete(seq);
    }
    nextSequence = 0;
    loggedRows = 0;
    context.forward(new Record<>(snapshot.getTaskId(), snapshot, context.currentSystemTimeMs()));
  }

  static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] out = new byte[copy.remaining()];
    copy.get(out);
    return out;
  }

}
