package dev.weakstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weakstream.avro.LabelModelRelease;
import dev.weakstream.avro.LabelModelStatistics;
import dev.weakstream.avro.LabeledRecord;
import dev.weakstream.avro.RawRecord;
import dev.weakstream.codec.SingleObjectCodec;
import dev.weakstream.core.MajorityVote;
import dev.weakstream.kafka.AvroSerde;
import dev.weakstream.kafka.PipelineTopics;
import dev.weakstream.labelmodel.VoteStatistics;
import dev.weakstream.metrics.PipelineMetrics;
import dev.weakstream.pipeline.PipelineDefinition;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The label-model sub-topologies under TopologyTestDriver: per-task statistics in their store,
 * snapshots on the statistics topic, a refit published on the label-model topic, and the global
 * store swapping the fitted model into the labeler that later records are labeled with.
 */
class LabelModelTopologyTest {

  @TempDir Path stateDir;

  private final PipelineDefinition pipeline = TestPipelines.spamLearning();
  private final CurrentLabeler labeler = new CurrentLabeler(new MajorityVote(2));
  private final SingleObjectCodec<RawRecord> rawCodec = SingleObjectCodec.of(new RawRecord());
  private TopologyTestDriver driver;
  private TestInputTopic<byte[], byte[]> raw;
  private TestOutputTopic<String, LabeledRecord> labeled;
  private TestOutputTopic<String, LabelModelRelease> releases;

  @BeforeEach
  void setUp() {
    PipelineMetrics metrics = PipelineMetrics.of(new SimpleMeterRegistry(), pipeline);
    Properties props =
        StreamsSettings.defaults("lm-test", "unused:9092", stateDir)
            .toProperties(pipeline.output().deadLetterTopic(), metrics);
    driver =
        new TopologyTestDriver(
            PipelineTopology.build(PipelineTopology.Options.of(pipeline, labeler, metrics)), props);
    raw = driver.createInputTopic("raw", new ByteArraySerializer(), new ByteArraySerializer());
    PipelineTopics topics = PipelineTopics.of(pipeline);
    labeled =
        driver.createOutputTopic(
            "labeled",
            Serdes.String().deserializer(),
            topics.labeled().valueSerde().deserializer());
    releases =
        driver.createOutputTopic(
            topics.labelModel().name(),
            Serdes.String().deserializer(),
            topics.labelModel().valueSerde().deserializer());
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  private void send(String id, String text, Integer gold) {
    RawRecord record =
        RawRecord.newBuilder()
            .setId(id)
            .setEventTime(Instant.now())
            .setText(text)
            .setAttributes(Map.of())
            .setGoldLabel(gold)
            .build();
    raw.pipeInput(id.getBytes(StandardCharsets.UTF_8), rawCodec.encode(record));
  }

  private static final String[] TEXTS = {
    "subscribe to my channel http://x", "love this song", "http://spam subscribe now",
        "song of the year love",
    "subscribe", "this song", "nothing here", "love it http://x"
  };

  @Test
  void refitsFromStreamStatisticsAndLabelsLaterRecordsWithTheBroadcastModel() {
    send("gold-1", "love this song", 0); // logged, but never counted as a weak record
    for (int i = 0; i < 58; i++) {
      send("w" + i, TEXTS[i % TEXTS.length], null);
    }
    // Snapshots every 10 logged rows; the one at row 50 holds 49 weak records: below
    // refit_every_records.
    assertThat(releases.isEmpty()).as("no refit before 50 weak records").isTrue();
    assertThat(labeled.readValuesToList()).allMatch(r -> r.getCombinerName().equals("mv"));
    send("w58", TEXTS[1], null); // row 60: a snapshot of 59 weak records

    List<LabelModelRelease> published = releases.readValuesToList();
    assertThat(published).hasSize(1);
    LabelModelRelease release = published.get(0);
    assertThat(release.getName()).isEqualTo("ds");
    assertThat(release.getRecords()).isEqualTo(59);
    assertThat(release.getGoldRows()).isEqualTo(1);
    assertThat(release.getFitNumber()).isEqualTo(1);
    assertThat(release.getSourceNames())
        .containsExactly("link", "subscribe", "song", "love", "broken", "moderation-api");
    assertThat(labeler.get().version()).isEqualTo(release.getVersion());

    labeled.readValuesToList();
    send("after", "subscribe to my channel", null);
    LabeledRecord after = labeled.readValue();
    assertThat(after.getCombinerName()).isEqualTo("ds");
    assertThat(after.getCombinerVersion()).isEqualTo(release.getVersion());
    assertThat(after.getLabel()).isEqualTo(1);
  }

  @Test
  void theTaskStoreHoldsTheSnapshotAndTheRowsLoggedSinceIt() {
    for (int i = 0; i < 13; i++) {
      send("w" + i, TEXTS[i % TEXTS.length], null);
    }
    // All keys hash to the task of their partition; find the stores' contents across both tasks.
    KeyValueStore<Long, byte[]> store = driver.getKeyValueStore(PipelineTopology.STATISTICS_STORE);
    LabelModelStatistics snapshot = null;
    long base = -1;
    List<Long> sequences = new ArrayList<>();
    try (var it = store.all()) {
      while (it.hasNext()) {
        var entry = it.next();
        if (entry.key == UpdateLabelModelStatistics.SNAPSHOT_KEY) {
          snapshot =
              new AvroSerde<>(new LabelModelStatistics())
                  .deserializer()
                  .deserialize(null, entry.value);
        } else if (entry.key == UpdateLabelModelStatistics.BASE_KEY) { // 'B', version, long
          var bytes = ByteBuffer.wrap(entry.value);
          assertThat(bytes.get()).isEqualTo(UpdateLabelModelStatistics.BASE_MAGIC);
          assertThat(bytes.get()).isEqualTo((byte) UpdateLabelModelStatistics.BASE_VERSION);
          base = bytes.getLong();
        } else { // a chunk of the log: magic, version, then (length, sequence + row) per row
          var chunk = ByteBuffer.wrap(entry.value);
          assertThat(chunk.getInt()).isEqualTo(0x57534348);
          assertThat(chunk.get()).isEqualTo((byte) UpdateLabelModelStatistics.CHUNK_VERSION);
          while (chunk.hasRemaining()) {
            int length = chunk.getInt();
            long sequence = chunk.getLong(chunk.position());
            assertThat(entry.key)
                .as("slot of row " + sequence)
                .isEqualTo(sequence / UpdateLabelModelStatistics.CHUNK_ROWS % 2);
            sequences.add(sequence);
            chunk.position(chunk.position() + length);
          }
        }
      }
    }
    // Rows 0-9 were folded into the snapshot; rows 10-12 are chunk 0's entry afresh, in slot 0 of
    // 2.
    assertThat(base).isEqualTo(10);
    long logged = sequences.stream().filter(s -> s >= 10).count();
    assertThat(sequences).containsExactly(10L, 11L, 12L);
    assertThat(snapshot).isNotNull();
    assertThat(snapshot.getRecords()).isEqualTo(10);
    assertThat(logged).isEqualTo(3);
    VoteStatistics stats =
        VoteStatistics.fromBytes(UpdateLabelModelStatistics.bytes(snapshot.getStatistics()));
    assertThat(stats.records()).isEqualTo(10);
  }
}
