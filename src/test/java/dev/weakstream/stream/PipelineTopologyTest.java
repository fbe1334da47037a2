package dev.weakstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weakstream.avro.DeadLetter;
import dev.weakstream.avro.DeadLetterReason;
import dev.weakstream.avro.LabeledRecord;
import dev.weakstream.avro.RawRecord;
import dev.weakstream.codec.PoisonMessages;
import dev.weakstream.codec.SingleObjectCodec;
import dev.weakstream.core.MajorityVote;
import dev.weakstream.core.TieBreak;
import dev.weakstream.kafka.PipelineTopics;
import dev.weakstream.metrics.PipelineMetrics;
import dev.weakstream.pipeline.PipelineDefinition;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production labeling topology under TopologyTestDriver: votes, ties, dead letters, metrics.
 */
class PipelineTopologyTest {

  @TempDir Path stateDir;

  private final PipelineDefinition pipeline = TestPipelines.spam();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final PipelineMetrics metrics =
      new PipelineMetrics(
          registry, pipeline.name(), pipeline.labelingFunctions(), List.of("HAM", "SPAM"));
  private final SingleObjectCodec<RawRecord> rawCodec = SingleObjectCodec.of(new RawRecord());
  private TopologyTestDriver driver;
  private TestInputTopic<byte[], byte[]> raw;
  private TestOutputTopic<String, LabeledRecord> labeled;
  private TestOutputTopic<String, DeadLetter> deadLetters;

  @BeforeEach
  void setUp() {
    MajorityVote mv = new MajorityVote(2);
    Properties props =
        StreamsSettings.defaults("topology-test", "unused:9092", stateDir)
            .toProperties(pipeline.output().deadLetterTopic(), metrics);
    driver =
        new TopologyTestDriver(
            PipelineTopology.build(
                PipelineTopology.Options.of(pipeline, new CurrentLabeler(mv), metrics)),
            props);
    raw = driver.createInputTopic("raw", new ByteArraySerializer(), new ByteArraySerializer());
    PipelineTopics topics = PipelineTopics.of(pipeline);
    labeled =
        driver.createOutputTopic(
            "labeled",
            Serdes.String().deserializer(),
            topics.labeled().valueSerde().deserializer());
    deadLetters =
        driver.createOutputTopic(
            "dead-letters",
            Serdes.String().deserializer(),
            topics.deadLetters().valueSerde().deserializer());
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  private void sendAvro(String id, String text, Integer gold) {
    RawRecord record =
        RawRecord.newBuilder()
            .setId(id)
            .setEventTime(Instant.ofEpochMilli(1_000))
            .setSource("test")
            .setText(text)
            .setAttributes(Map.of())
            .setGoldLabel(gold)
            .build();
    raw.pipeInput(id.getBytes(StandardCharsets.UTF_8), rawCodec.encode(record));
  }

  private void sendJson(String key, String json) {
    raw.pipeInput(
        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void labelsByMajorityAndCountsTheThrowingLfAsAnAbstain() {
    sendAvro("a", "subscribe to my channel http://x.y", 1);
    LabeledRecord out = labeled.readValue();
    assertThat(out.getId()).isEqualTo("a");
    assertThat(out.getVotes()).containsExactly(1, 1, -1, -1, -1, -1);
    assertThat(out.getExternalSources()).containsExactly("moderation-api");
    assertThat(out.getLabel()).isEqualTo(1);
    assertThat(out.getProbabilities()).containsExactly(0.0, 1.0);
    assertThat(out.getCovered()).isTrue();
    assertThat(out.getCombinerName()).isEqualTo("mv");
    assertThat(out.getLfSetVersion()).isEqualTo("test-v1");
    assertThat(out.getGoldLabel()).isEqualTo(1);
    assertThat(registry.get("weakstream.lf.faults").tag("lf", "broken").counter().count())
        .isEqualTo(1);
    assertThat(
            registry
                .get("weakstream.lf.votes")
                .tag("lf", "link")
                .tag("class", "SPAM")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void tiesSplitProbabilityAndBreakDeterministicallyByRecordId() {
    sendAvro("tie-1", "love this song http://spam subscribe", null);
    sendAvro("tie-1", "love this song http://spam subscribe", null);
    List<LabeledRecord> out = labeled.readValuesToList();
    assertThat(out).hasSize(2);
    assertThat(out.get(0).getProbabilities()).containsExactly(0.5, 0.5);
    assertThat(out.get(0).getLabel()).isEqualTo(out.get(1).getLabel());
    assertThat(out.get(0).getLabel()).isEqualTo(TieBreak.choose(new int[] {0, 1}, 2, "tie-1"));
  }

  @Test
  void uncoveredRecordsGetTheUniformPriorAndAreFlagged() {
    sendAvro("u", "nothing to see here", null);
    LabeledRecord out = labeled.readValue();
    assertThat(out.getCovered()).isFalse();
    assertThat(out.getProbabilities()).containsExactly(0.5, 0.5);
    assertThat(metrics.coverage()).isZero();
  }

  @Test
  void acceptsJsonMappedByTheFieldMapping() {
    sendJson("k1", "{\"id\":\"j1\",\"text\":\"great song\",\"gold\":\"HAM\",\"author\":\"bob\"}");
    LabeledRecord out = labeled.readValue();
    assertThat(out.getId()).isEqualTo("j1");
    assertThat(out.getLabel()).isZero();
    assertThat(out.getGoldLabel()).isZero();
    assertThat(out.getAttributes()).containsEntry("author", "bob");
  }

  @Test
  void jsonWithoutIdTakesTheKafkaKey() {
    sendJson("key-7", "{\"text\":\"hello\"}");
    assertThat(labeled.readValue().getId()).isEqualTo("key-7");
  }

  @Test
  void externalSoftVotesAreAppendedAfterThePipelinesLfs() {
    sendJson(
        "e",
        "{\"id\":\"e\",\"text\":\"plain text\",\"external_votes\":["
            + "{\"source\":\"moderation-api\",\"label\":1,\"probabilities\":[0.2,0.8]}]}");
    LabeledRecord out = labeled.readValue();
    assertThat(out.getExternalSources()).containsExactly("moderation-api");
    assertThat(out.getVotes()).endsWith(1);
    assertThat(out.getProbabilities()).containsExactly(0.2, 0.8);
  }

  @Test
  void externalVotesOfUndeclaredSourcesAreDeadLettered() {
    sendJson(
        "u",
        "{\"id\":\"u\",\"text\":\"t\",\"external_votes\":[{\"source\":\"stranger\",\"label\":1}]}");
    assertThat(labeled.isEmpty()).isTrue();
    DeadLetter letter = deadLetters.readValue();
    assertThat(letter.getReason()).isEqualTo(DeadLetterReason.INVALID_FIELD);
    assertThat(letter.getMessage()).contains("stranger").contains("external_sources");
  }

  @Test
  void badInputIsDeadLetteredWithReasonAndProcessingContinues() {
    raw.pipeInput("x".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3});
    sendJson("j", "{\"text\": ");
    sendJson("j2", "{\"id\":\"j2\"}");
    sendJson("j3", "{\"id\":\"j3\",\"text\":\"   \"}");
    sendJson("j4", "{\"id\":\"j4\",\"text\":\"" + "x".repeat(201) + "\"}");
    sendJson("j5", "{\"id\":\"j5\",\"text\":\"ok\",\"gold\":\"EGGS\"}");
    byte[] unknownFingerprint =
        rawCodec.encode(
            RawRecord.newBuilder().setId("f").setEventTime(Instant.EPOCH).setText("t").build());
    unknownFingerprint[5] ^= 0x55;
    raw.pipeInput("f".getBytes(StandardCharsets.UTF_8), unknownFingerprint);
    sendAvro("good", "subscribe now", null);

    List<TestRecord<String, DeadLetter>> letters = deadLetters.readRecordsToList();
    assertThat(letters)
        .extracting(r -> r.value().getReason())
        .containsExactly(
            DeadLetterReason.UNDECODABLE,
            DeadLetterReason.UNDECODABLE,
            DeadLetterReason.MISSING_TEXT,
            DeadLetterReason.EMPTY_TEXT,
            DeadLetterReason.TEXT_TOO_LONG,
            DeadLetterReason.INVALID_FIELD,
            DeadLetterReason.UNKNOWN_SCHEMA);
    DeadLetter first = letters.get(0).value();
    assertThat(first.getSourceTopic()).isEqualTo("raw");
    assertThat(first.getSourceOffset()).isZero();
    assertThat(first.getOriginalValue().array()).containsExactly(1, 2, 3);
    Header reason = letters.get(0).headers().lastHeader(DeadLetters.HEADER_PREFIX + "reason");
    assertThat(new String(reason.value(), StandardCharsets.UTF_8)).isEqualTo("UNDECODABLE");
    assertThat(labeled.readValuesToList()).extracting(LabeledRecord::getId).containsExactly("good");
    assertThat(
            registry
                .get("weakstream.records.dead.lettered")
                .tag("reason", "UNDECODABLE")
                .counter()
                .count())
        .isEqualTo(2);
    assertThat(registry.get("weakstream.records.in").counter().count()).isEqualTo(8);
  }

  @Test
  void aTombstoneAnEmptyValueAndAPoisonMessageAreDeadLetteredEachWithItsReason() {
    raw.pipeInput("t".getBytes(StandardCharsets.UTF_8), (byte[]) null);
    raw.pipeInput("e".getBytes(StandardCharsets.UTF_8), new byte[0]);
    raw.pipeInput("p".getBytes(StandardCharsets.UTF_8), PoisonMessages.textLength());
    sendAvro("good", "subscribe now", null);

    List<TestRecord<String, DeadLetter>> letters = deadLetters.readRecordsToList();
    assertThat(letters)
        .extracting(r -> r.value().getReason())
        .containsExactly(
            DeadLetterReason.TOMBSTONE, DeadLetterReason.EMPTY_VALUE, DeadLetterReason.UNDECODABLE);
    assertThat(letters.get(0).value().getOriginalValue()).isNull();
    String poison =
        new String(
            letters.get(2).headers().lastHeader(DeadLetters.HEADER_PREFIX + "message").value(),
            StandardCharsets.UTF_8);
    assertThat(poison).contains("field 'text' at byte offset 25 of 45");
    assertThat(labeled.readValuesToList()).extracting(LabeledRecord::getId).containsExactly("good");
    for (String reason : List.of("TOMBSTONE", "EMPTY_VALUE", "UNDECODABLE")) {
      assertThat(
              registry
                  .get("weakstream.records.dead.lettered")
                  .tag("reason", reason)
                  .counter()
                  .count())
          .as(reason)
          .isEqualTo(1);
    }
  }
}
