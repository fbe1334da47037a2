package dev.weakstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weakstream.avro.LabeledRecord;
import dev.weakstream.avro.RawRecord;
import dev.weakstream.codec.SingleObjectCodec;
import dev.weakstream.core.MajorityVote;
import dev.weakstream.kafka.PipelineTopics;
import dev.weakstream.metrics.PipelineMetrics;
import dev.weakstream.metrics.TeacherMetrics;
import dev.weakstream.pipeline.PipelineDefinition;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The teacher in the production topology, with the real MiniLM model (zero-shot): records LFs cover
 * pass straight through; uncovered records wait in the changelogged pending store until a batch is
 * full or the oldest has waited long enough, then one call gives them soft votes; repeats come from
 * the cache.
 */
class QueryTeacherTopologyTest {

  private static final PipelineDefinition PIPELINE = TestPipelines.spamWithTeacher();
  private static StreamTeacher teacher;

  @TempDir Path stateDir;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final SingleObjectCodec<RawRecord> rawCodec = SingleObjectCodec.of(new RawRecord());
  private TopologyTestDriver driver;
  private TestInputTopic<byte[], byte[]> raw;
  private TestOutputTopic<String, LabeledRecord> labeled;

  @BeforeAll
  static void openTeacher() {
    teacher = StreamTeachers.open(PIPELINE, 1);
  }

  @AfterAll
  static void closeTeacher() {
    teacher.close();
  }

  @BeforeEach
  void setUp() {
    PipelineMetrics metrics = PipelineMetrics.of(registry, PIPELINE);
    TeacherMetrics teacherMetrics =
        new TeacherMetrics(registry, PIPELINE.name(), "minilm", "cpu", teacher::cache);
    Properties props =
        StreamsSettings.defaults("teacher-test", "unused:9092", stateDir)
            .toProperties(PIPELINE.output().deadLetterTopic(), metrics);
    driver =
        new TopologyTestDriver(
            PipelineTopology.build(
                PipelineTopology.Options.of(
                        PIPELINE, new CurrentLabeler(new MajorityVote(2)), metrics)
                    .withTeacher(teacher, teacherMetrics)),
            props);
    raw = driver.createInputTopic("raw", new ByteArraySerializer(), new ByteArraySerializer());
    labeled =
        driver.createOutputTopic(
            "labeled",
            Serdes.String().deserializer(),
            PipelineTopics.of(PIPELINE).labeled().valueSerde().deserializer());
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  private void send(String id, String text) {
    RawRecord record =
        RawRecord.newBuilder()
            .setId(id)
            .setEventTime(Instant.now())
            .setText(text)
            .setAttributes(Map.of())
            .build();
    raw.pipeInput(id.getBytes(StandardCharsets.UTF_8), rawCodec.encode(record));
  }

  private long pending() {
    KeyValueStore<Long, byte[]> store =
        driver.getKeyValueStore(PipelineTopology.TEACHER_PENDING_STORE);
    return store.approximateNumEntries();
  }

  @Test
  void coveredRecordsPassUncoveredOnesWaitForAFullBatch() {
    send("covered", "subscribe to my channel");
    LabeledRecord covered = labeled.readValue();
    assertThat(covered.getTeacherName()).isNull();
    assertThat(covered.getVotes()).endsWith(-1);

    send("u1", "Check out this amazing offer at my website");
    send("u2", "What a beautiful voice she has");
    assertThat(labeled.isEmpty()).isTrue();
    assertThat(pending()).isEqualTo(2);

    send("u3", "Best performance I have seen this year");
    List<LabeledRecord> batch = labeled.readValuesToList();
    assertThat(batch).extracting(LabeledRecord::getId).containsExactly("u1", "u2", "u3");
    assertThat(batch)
        .allSatisfy(
            r -> {
              assertThat(r.getTeacherName()).isEqualTo("minilm");
              assertThat(r.getTeacherVersion()).isNotBlank();
              assertThat(r.getCovered()).isTrue();
              assertThat(r.getVotes().get(r.getVotes().size() - 1)).isBetween(0, 1);
            });
    assertThat(pending()).isZero();
    assertThat(registry.get("weakstream.teacher.calls").counter().count()).isEqualTo(1);
    assertThat(registry.get("weakstream.teacher.batch.size").summary().mean()).isEqualTo(3);
    assertThat(registry.get("weakstream.teacher.skips").tag("reason", "covered").counter().count())
        .isEqualTo(1);
  }

  @Test
  void aPartialBatchIsSentWhenItsOldestRecordHasWaitedLongEnough() {
    send("p1", "Great melody and lyrics");
    assertThat(labeled.isEmpty()).isTrue();
    driver.advanceWallClockTime(Duration.ofMillis(1_100));
    assertThat(labeled.readValue().getTeacherName()).isEqualTo("minilm");
    assertThat(pending()).isZero();
  }

  @Test
  void aRepeatedTextIsAnsweredFromTheCacheWithoutACall() {
    for (String id : List.of("a", "b", "c")) {
      send(id, "Wow, the same comment again " + id);
    }
    labeled.readValuesToList();
    double calls = registry.get("weakstream.teacher.calls").counter().count();
    send("again", "Wow, the same comment again a");
    LabeledRecord cached = labeled.readValue();
    assertThat(cached.getTeacherName()).isEqualTo("minilm");
    assertThat(registry.get("weakstream.teacher.calls").counter().count()).isEqualTo(calls);
    assertThat(registry.get("weakstream.teacher.skips").tag("reason", "cached").counter().count())
        .isEqualTo(1);
  }
}
