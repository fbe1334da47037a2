package dev.weakstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weakstream.avro.RawRecord;
import dev.weakstream.core.MajorityVote;
import dev.weakstream.core.VoteRow;
import dev.weakstream.metrics.TeacherMetrics;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.pipeline.TeacherDefinition;
import dev.weakstream.pipeline.TeacherReference;
import dev.weakstream.teacher.OnnxFixtures;
import dev.weakstream.teacher.TeacherManifests;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * QueryTeacher as a processor, on a generated classifier teacher: the teacher that voted is stamped
 * on the vote when the vote is added — from the cache or the model call, and for a pending record
 * an earlier instance left in the store.
 */
class QueryTeacherTest {

  private static final String STORE = "pending";

  @TempDir Path dir;

  private PipelineDefinition pipeline;
  private StreamTeacher teacher;
  private TeacherMetrics metrics;

  @BeforeEach
  void openTeacher() throws Exception {
    PipelineDefinition base = TestPipelines.spam();
    TeacherDefinition definition =
        new TeacherDefinition(
            "sentiment",
            TeacherReference.Mode.ZEROSHOT,
            TeacherDefinition.Query.UNCOVERED,
            0.8,
            3,
            Duration.ofSeconds(1),
            0,
            100,
            20);
    pipeline =
        new PipelineDefinition(
            base.source(),
            base.name(),
            base.classes(),
            base.input(),
            base.output(),
            base.labelingFunctions(),
            base.externalSources(),
            base.labelModel(),
            List.of(definition));
    teacher =
        StreamTeachers.open(
            pipeline,
            TeacherManifests.parse(
                OnnxFixtures.classifierManifest(
                    OnnxFixtures.model(dir, OnnxFixtures.Spec.standard()),
                    OnnxFixtures.tokenizer(dir),
                    ""),
                "s.yaml",
                dir));
    metrics =
        new TeacherMetrics(
            new SimpleMeterRegistry(), pipeline.name(), "sentiment", "cpu", teacher::cache);
  }

  @AfterEach
  void closeTeacher() {
    teacher.close();
  }

  static MockProcessorContext<String, VotedRecord> context() {
    MockProcessorContext<String, VotedRecord> context = new MockProcessorContext<>();
    KeyValueStore<Long, byte[]> store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(STORE), Serdes.Long(), Serdes.ByteArray())
            .withLoggingDisabled()
            .build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    return context;
  }

  /** A context of a restarted task: the store the earlier one left, nothing else. */
  static MockProcessorContext<String, VotedRecord> restarted(
      MockProcessorContext<String, VotedRecord> earlier) {
    MockProcessorContext<String, VotedRecord> context = new MockProcessorContext<>();
    context.addStateStore(earlier.getStateStore(STORE));
    return context;
  }

  private QueryTeacher processor() {
    return new QueryTeacher(teacher, () -> new MajorityVote(2), metrics, STORE);
  }

  static VotedRecord uncovered(String id, String text, int sources) {
    RawRecord raw =
        RawRecord.newBuilder()
            .setId(id)
            .setEventTime(Instant.EPOCH)
            .setText(text)
            .setAttributes(Map.of())
            .build();
    return new VotedRecord(raw, VoteRow.hard(abstains(sources), id), 0, 7L);
  }

  static int[] abstains(int sources) {
    int[] votes = new int[sources];
    Arrays.fill(votes, -1);
    return votes;
  }

  /** Runs the wall-clock punctuation at {@code now}. */
  static void punctuate(MockProcessorContext<String, VotedRecord> context, long now) {
    context.setCurrentSystemTimeMs(now);
    context.scheduledPunctuators().get(0).getPunctuator().punctuate(now);
  }

  @Test
  void aRecordRestoredFromTheStoreIsStampedWithTheHeadThatAnsweredIt() {
    int sources = pipeline.numSources() - 1;
    var context = context();
    context.setCurrentSystemTimeMs(1_000);
    QueryTeacher before = processor();
    before.init(context);
    before.process(new Record<>("k1", uncovered("u1", "a good movie", sources), 5L));
    assertThat(context.forwarded()).isEmpty(); // waits for a batch of 3

    QueryTeacher restored = processor(); // a restart: the batch is found in the store
    context = restarted(context);
    restored.init(context);
    punctuate(context, 2_500);
    assertThat(context.forwarded()).hasSize(1);
    VotedRecord voted = context.forwarded().get(0).record().value();
    assertThat(voted.raw().getId()).isEqualTo("u1");
    assertThat(voted.teacher()).isEqualTo(new VotingTeacher("sentiment", teacher.head().version()));
    assertThat(voted.row().softVote(sources)).isNotNull();

    context.resetForwards();
    restored.process(new Record<>("k2", uncovered("u2", "A good  movie", sources), 6L));
    VotedRecord cached = context.forwarded().get(0).record().value();
    assertThat(cached.teacher()).isEqualTo(voted.teacher()); // from the cache, same head
  }

  @Test
  void aBatchPendingInTheFirstReleasesFormatIsSentAfterAnUpgrade() {
    var context = context();
    KeyValueStore<Long, byte[]> store = context.getStateStore(STORE);
    store.put(6L, HexFormat.of().parseHex(PendingTeacherRecordTest.V0_PLAIN));
    QueryTeacher upgraded = processor();
    upgraded.init(context);
    punctuate(context, 1_700_000_003_000L); // the record was enqueued at ...1_500
    assertThat(context.forwarded()).hasSize(1);
    VotedRecord voted = context.forwarded().get(0).record().value();
    assertThat(voted.raw().getId()).isEqualTo("p-2");
    assertThat(voted.raw().getGoldLabel()).isZero();
    assertThat(voted.teacher()).isEqualTo(new VotingTeacher("sentiment", teacher.head().version()));
    assertThat(context.forwarded().get(0).record().timestamp()).isEqualTo(1_700_000_001_400L);
    assertThat(store.approximateNumEntries()).isZero();
  }

  @Test
  void aCoveredRecordCarriesNoTeacher() {
    int sources = pipeline.numSources() - 1;
    var context = context();
    QueryTeacher processor = processor();
    processor.init(context);
    int[] votes = abstains(sources);
    votes[0] = 1;
    RawRecord raw =
        RawRecord.newBuilder()
            .setId("c")
            .setEventTime(Instant.EPOCH)
            .setText("subscribe")
            .setAttributes(Map.of())
            .build();
    processor.process(new Record<>("c", new VotedRecord(raw, VoteRow.hard(votes, "c")), 1L));
    VotedRecord voted = context.forwarded().get(0).record().value();
    assertThat(voted.teacher()).isNull();
    assertThat(voted.row().votes()[sources]).isEqualTo(-1);
  }
}
