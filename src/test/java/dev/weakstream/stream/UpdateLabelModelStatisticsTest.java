package dev.weakstream.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weakstream.avro.LabelModelStatistics;
import dev.weakstream.avro.RawRecord;
import dev.weakstream.core.VoteRow;
import dev.weakstream.labelmodel.Metric;
import dev.weakstream.pipeline.LabelModelDefinition;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The statistics write-ahead log across restarts: a processor started on the store another one left
 * (what a restore from the changelog gives) continues with exactly the statistics of an
 * uninterrupted run — no row lost, none counted twice, in the same order — including after the
 * snapshot size changed.
 */
class UpdateLabelModelStatisticsTest {

  private static final String STORE = "stats";
  private static final int[][] VOTES = {
    {1, -1, 0}, {1, 1, -1}, {0, 0, 0}, {-1, -1, 1}, {0, 1, -1}, {1, 1, 1}, {-1, 0, 0}
  };

  private static LabelModelDefinition config(long snapshotEvery) {
    return new LabelModelDefinition(
        "ds", 50, Duration.ofHours(1), 100, 64, Metric.ACCURACY, snapshotEvery);
  }

  private static VotedRecord voted(int i) {
    Integer gold = i % 9 == 4 ? 1 : null;
    RawRecord raw =
        RawRecord.newBuilder()
            .setId("r" + i)
            .setEventTime(Instant.EPOCH)
            .setText("t")
            .setAttributes(Map.of())
            .setGoldLabel(gold)
            .build();
    return new VotedRecord(raw, VoteRow.hard(VOTES[i % VOTES.length], raw.getId()));
  }

  private static KeyValueStore<Long, byte[]> store(
      MockProcessorContext<String, LabelModelStatistics> context) {
    KeyValueStore<Long, byte[]> store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(STORE), Serdes.Long(), Serdes.ByteArray())
            .withLoggingDisabled()
            .build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    return store;
  }

  /** Feeds records [from, to) to a processor started on the context's store. */
  private static void run(
      MockProcessorContext<String, LabelModelStatistics> context,
      long snapshotEvery,
      int from,
      int to) {
    feed(context, snapshotEvery, from, to);
  }

  /** {@link #run}, then the wall-clock punctuation: returns the snapshot of every record so far. */
  private static LabelModelStatistics runAndSnapshot(
      MockProcessorContext<String, LabelModelStatistics> context,
      long snapshotEvery,
      int from,
      int to) {
    feed(context, snapshotEvery, from, to);
    context
        .scheduledPunctuators()
        .get(context.scheduledPunctuators().size() - 1)
        .getPunctuator()
        .punctuate(2_000L);
    var forwards = context.forwarded();
    return forwards.get(forwards.size() - 1).record().value();
  }

  private static void feed(
      MockProcessorContext<String, LabelModelStatistics> context,
      long snapshotEvery,
      int from,
      int to) {
    UpdateLabelModelStatistics processor =
        new UpdateLabelModelStatistics(3, 2, "v1", config(snapshotEvery), STORE);
    context.resetForwards();
    processor.init(context);
    for (int i = from; i < to; i++) {
      processor.process(new Record<>("r" + i, voted(i), 0L));
    }
  }

  private static MockProcessorContext<String, LabelModelStatistics> context() {
    MockProcessorContext<String, LabelModelStatistics> context = new MockProcessorContext<>();
    context.setCurrentSystemTimeMs(1_000L);
    return context;
  }

  @Test
  void aRestartedProcessorContinuesWithTheStatisticsOfAnUninterruptedRun() {
    var uninterrupted = context();
    store(uninterrupted);
    LabelModelStatistics expected = runAndSnapshot(uninterrupted, 10, 0, 60);

    var restarted = context();
    store(restarted);
    run(restarted, 10, 0, 23); // snapshot at rows 10 and 20; rows 20-22 live in the ring
    run(restarted, 10, 23, 37); // restores the snapshot of row 20 and replays rows 20-22
    LabelModelStatistics actual = runAndSnapshot(restarted, 10, 37, 60);

    assertSameStatistics(actual, expected);
  }

  @Test
  void aChangedSnapshotSizeFoldsTheRestoredLogFirst() {
    var uninterrupted = context();
    store(uninterrupted);
    LabelModelStatistics expected = runAndSnapshot(uninterrupted, 10, 0, 61);

    var restarted = context();
    KeyValueStore<Long, byte[]> store = store(restarted);
    run(restarted, 10, 0, 17); // rows 10-16 live under keys 0-6
    run(restarted, 4, 17, 25); // a ring of 4: the first record folds rows 10-17
    run(restarted, 25, 25, 40);
    LabelModelStatistics actual = runAndSnapshot(restarted, 7, 40, 61);

    assertSameStatistics(actual, expected);
    try (var all = store.all()) {
      all.forEachRemaining(entry -> assertThat(entry.key).isLessThan(25));
    }
  }

  @Test
  void aLogWithoutSequencesIsReplayedAndFoldedByTheNextSnapshot() {
    var uninterrupted = context();
    store(uninterrupted);
    LabelModelStatistics expected = runAndSnapshot(uninterrupted, 10, 0, 30);

    var legacy = context();
    KeyValueStore<Long, byte[]> store = store(legacy);
    run(legacy, 10, 0, 20);
    store.delete(UpdateLabelModelStatistics.BASE_KEY);
    for (int i = 20;
        i < 24;
        i++) { // rows the old format logged under keys 0.. after the snapshot of row 20
      VotedRecord v = voted(i);
      store.put((long) i - 20, VoteRowBytes.encode(v.row(), v.raw().getGoldLabel()));
    }
    for (long key = 4; key < 10; key++) {
      store.delete(key);
    }
    LabelModelStatistics actual = runAndSnapshot(legacy, 10, 24, 30);

    assertThat(actual.getRecords()).isEqualTo(expected.getRecords());
    assertThat(actual.getStatistics()).isEqualTo(expected.getStatistics());
  }

  @Test
  void restartsInsideAChunkContinueWithTheStatisticsOfAnUninterruptedRun() {
    var uninterrupted = context();
    store(uninterrupted);
    LabelModelStatistics expected = runAndSnapshot(uninterrupted, 100, 0, 230);

    var restarted = context();
    KeyValueStore<Long, byte[]> store = store(restarted);
    run(restarted, 100, 0, 45); // chunk 1 holds rows 32-44
    run(restarted, 100, 45, 77); // chunk 2 holds rows 64-76
    run(restarted, 100, 77, 150); // a snapshot at row 100; chunk 4 holds rows 128-149
    LabelModelStatistics actual = runAndSnapshot(restarted, 100, 150, 230);

    assertSameStatistics(actual, expected);
    long slots = 100 / UpdateLabelModelStatistics.CHUNK_ROWS + 2;
    try (var all = store.all()) {
      all.forEachRemaining(entry -> assertThat(entry.key).isLessThan(slots));
    }
  }

  @Test
  void aLogOfOneRowPerKeyIsReplayedAndFoldedByTheNextSnapshot() {
    var uninterrupted = context();
    store(uninterrupted);
    LabelModelStatistics expected = runAndSnapshot(uninterrupted, 10, 0, 30);

    var former = context();
    KeyValueStore<Long, byte[]> store = store(former);
    run(former, 10, 0, 20); // base 20
    try (var all = store.range(0L, Long.MAX_VALUE)) {
      all.forEachRemaining(entry -> store.delete(entry.key));
    }
    for (int i = 20;
        i < 24;
        i++) { // what the former ring logged: row s under key s % 10, after its sequence
      VotedRecord v = voted(i);
      store.put((long) i % 10, VoteRowBytes.encode(v.row(), v.raw().getGoldLabel(), i));
    }
    for (int i = 15; i < 20; i++) { // rows folded into the snapshot, not yet overwritten
      VotedRecord v = voted(i);
      store.put((long) i % 10, VoteRowBytes.encode(v.row(), v.raw().getGoldLabel(), i));
    }
    LabelModelStatistics actual = runAndSnapshot(former, 10, 24, 30);

    assertThat(actual.getRecords()).isEqualTo(expected.getRecords());
    assertThat(actual.getStatistics()).isEqualTo(expected.getStatistics());
    try (var all = store.range(0L, Long.MAX_VALUE)) {
      all.forEachRemaining(
          entry -> assertThat(ByteBuffer.wrap(entry.value).getInt()).isEqualTo(0x57534348));
    }
  }

  /**
   * Chunk 0 of a log the first release wrote (chunk version 0, bare-long base 0) after records 0-4
   * of {@link #voted} with snapshots every 100 records: generated once with that release (main at
   * e863b22) by running its processor on those records and printing the store's entries as hex.
   */
  private static final String V0_CHUNK_OF_ROWS_0_TO_4 =
      "57534348000000230000000000000000ffffffff00027230000000030000000100ffffffff000000"
          + "000000000000230000000000000001ffffffff000272310000000300000001000000000100ffffff"
          + "ff00000000230000000000000002ffffffff00027232000000030000000000000000000000000000"
          + "00000000230000000000000003ffffffff0002723300000003ffffffff00ffffffff000000000100"
          + "00000023000000000000000400000001000272340000000300000000000000000100ffffffff00";

  private static final String V0_BASE_0 = "0000000000000000";

  @Test
  void aLogTheFirstReleaseWroteIsReplayedAfterAnUpgrade() {
    var uninterrupted = context();
    store(uninterrupted);
    LabelModelStatistics expected = runAndSnapshot(uninterrupted, 100, 0, 40);

    var upgraded = context();
    KeyValueStore<Long, byte[]> store = store(upgraded);
    store.put(UpdateLabelModelStatistics.BASE_KEY, HexFormat.of().parseHex(V0_BASE_0));
    store.put(0L, HexFormat.of().parseHex(V0_CHUNK_OF_ROWS_0_TO_4));
    LabelModelStatistics actual = runAndSnapshot(upgraded, 100, 5, 40);

    assertSameStatistics(actual, expected);
    byte[] chunk = store.get(0L); // rewritten by row 5 in the current format, rows 0-4 kept
    assertThat(ByteBuffer.wrap(chunk).getInt()).isEqualTo(UpdateLabelModelStatistics.CHUNK_MAGIC);
    assertThat(chunk[4]).isEqualTo((byte) UpdateLabelModelStatistics.CHUNK_VERSION);
    assertThat(store.get(UpdateLabelModelStatistics.BASE_KEY)[0])
        .isEqualTo(UpdateLabelModelStatistics.BASE_MAGIC);
  }

  @Test
  void aChunkOfANewerFormatStopsTheTaskNamingTheStore() {
    var context = context();
    KeyValueStore<Long, byte[]> store = store(context);
    run(context, 100, 0, 3);
    byte[] chunk = store.get(0L);
    chunk[4] = 7;
    store.put(0L, chunk);
    assertThatThrownBy(() -> run(context, 100, 3, 4))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'" + STORE + "'")
        .hasMessageContaining("statistics log chunk of format version 7");
  }

  @Test
  void aBaseOfANewerFormatStopsTheTaskNamingTheStore() {
    var context = context();
    KeyValueStore<Long, byte[]> store = store(context);
    run(context, 100, 0, 3);
    byte[] base = store.get(UpdateLabelModelStatistics.BASE_KEY);
    base[1] = 4;
    store.put(UpdateLabelModelStatistics.BASE_KEY, base);
    assertThatThrownBy(() -> run(context, 100, 3, 4))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'" + STORE + "'")
        .hasMessageContaining("statistics log base of format version 4");
  }

  /**
   * The records counted, the gold rows kept apart and the statistics are those of {@code expected}.
   */
  private static void assertSameStatistics(
      LabelModelStatistics actual, LabelModelStatistics expected) {
    assertThat(actual.getRecords()).isEqualTo(expected.getRecords());
    assertThat(actual.getGoldRows()).isEqualTo(expected.getGoldRows());
    assertThat(actual.getStatistics()).isEqualTo(expected.getStatistics());
  }
}
