package dev.weakstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weakstream.avro.DeadLetter;
import dev.weakstream.avro.DeadLetterReason;
import dev.weakstream.avro.LabeledRecord;
import dev.weakstream.avro.RawRecord;
import dev.weakstream.clients.PipelineOutputReader;
import dev.weakstream.clients.RawRecordProducer;
import dev.weakstream.codec.SingleObjectCodec;
import dev.weakstream.kafka.EmbeddedKafkaBroker;
import dev.weakstream.pipeline.PipelineDefinition;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production pipeline on a real embedded broker: 2 partitions, 2 stream threads, exactly-once
 * v2. Every produced record must come out exactly once, labeled or dead-lettered.
 */
@Tag("integration")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PipelineIT {

  @TempDir Path workDir;

  @Test
  void everyRecordAppearsExactlyOnceInTheLabeledOrDeadLetterTopic() throws Exception {
    PipelineDefinition pipeline = TestPipelines.spam();
    int valid = 2_000;
    int invalid = 0;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(workDir.resolve("kafka"), 0)) {
      StreamsSettings settings =
          StreamsSettings.defaults(
                  "pipeline-it-" + UUID.randomUUID(),
                  broker.bootstrapServers(),
                  workDir.resolve("state"))
              .withStreamThreads(2);
      try (PipelineApplication app =
              PipelineApplication.start(
                  PipelineComponents.assemble(pipeline, settings, new SimpleMeterRegistry()),
                  Duration.ofSeconds(60));
          RawRecordProducer producer = new RawRecordProducer(pipeline, broker.clients())) {
        String[] texts = {
          "subscribe to my channel", "love this song", "http://spam.example", "just words"
        };
        for (int i = 0; i < valid; i++) {
          producer.send(
              RawRecord.newBuilder()
                  .setId("r" + i)
                  .setEventTime(Instant.now())
                  .setText(texts[i % texts.length])
                  .setGoldLabel(i % 2)
                  .build());
          if (i % 100 == 0) {
            producer.send("bad" + i, ("not a record " + i).getBytes(StandardCharsets.UTF_8));
            invalid++;
          }
        }
        producer.send("json-no-text", "{\"id\":\"j\"}".getBytes(StandardCharsets.UTF_8));
        invalid++;
        // Malformed input that used to be labeled (issue "Hardening"), each with its own reason.
        Map<String, DeadLetterReason> malformed = new LinkedHashMap<>();
        malformed.put(
            "{\"id\":\"m1\",\"text\":\"\\u0000\\u0000\"}", DeadLetterReason.NO_VISIBLE_TEXT);
        malformed.put(
            "{\"id\":\"m2\",\"text\":\"\\u200b\\u200d\"}", DeadLetterReason.NO_VISIBLE_TEXT);
        malformed.put(
            "{\"id\":\"m3\",\"text\":{\"subscribe\":1}}", DeadLetterReason.TEXT_NOT_A_STRING);
        malformed.put("{\"id\":\"m4\",\"text\":42}", DeadLetterReason.TEXT_NOT_A_STRING);
        malformed.put("{\"id\":\"m5\",\"text\":\"love\"} trailing", DeadLetterReason.TRAILING_DATA);
        malformed.put(
            "{\"id\":\"m6\",\"text\":\"love\",\"text\":\"subscribe\"}",
            DeadLetterReason.DUPLICATE_KEY);
        for (Map.Entry<String, DeadLetterReason> m : malformed.entrySet()) {
          producer.send("malformed", m.getKey().getBytes(StandardCharsets.UTF_8));
        }
        producer.send("tombstone", null);
        producer.send("empty", new byte[0]);
        byte[] invalidUtf8 =
            SingleObjectCodec.of(new RawRecord())
                .encode(
                    RawRecord.newBuilder()
                        .setId("m7")
                        .setEventTime(Instant.now())
                        .setText("hXi")
                        .build());
        invalidUtf8[invalidUtf8.length - 5] = (byte) 0xC3; // the X: the map and two unions follow
        producer.send("m7", invalidUtf8);
        invalid += malformed.size() + 3;
        producer.flush();

        PipelineOutputReader.Output out =
            new PipelineOutputReader(pipeline, broker.clients())
                .readUntil(valid + invalid, Duration.ofSeconds(90), Duration.ofSeconds(3), n -> {});

        Map<String, Long> labeledIds =
            out.labeled().stream()
                .collect(Collectors.groupingBy(LabeledRecord::getId, Collectors.counting()));
        assertThat(labeledIds).hasSize(valid);
        assertThat(labeledIds.values()).allMatch(n -> n == 1);
        assertThat(out.deadLetters()).hasSize(invalid);
        Map<DeadLetterReason, Long> reasons =
            out.deadLetters().stream()
                .collect(Collectors.groupingBy(DeadLetter::getReason, Collectors.counting()));
        assertThat(reasons)
            .containsEntry(DeadLetterReason.UNDECODABLE, (long) invalid - 1 - malformed.size() - 3)
            .containsEntry(DeadLetterReason.MISSING_TEXT, 1L)
            .containsEntry(DeadLetterReason.NO_VISIBLE_TEXT, 2L)
            .containsEntry(DeadLetterReason.TEXT_NOT_A_STRING, 2L)
            .containsEntry(DeadLetterReason.TRAILING_DATA, 1L)
            .containsEntry(DeadLetterReason.DUPLICATE_KEY, 1L)
            .containsEntry(DeadLetterReason.TOMBSTONE, 1L)
            .containsEntry(DeadLetterReason.EMPTY_VALUE, 1L)
            .containsEntry(DeadLetterReason.INVALID_UTF8, 1L);
        assertThat(labeledIds).doesNotContainKeys("m1", "m2", "m3", "m4", "m5", "m6", "m7");
        Map<String, LabeledRecord> byId =
            out.labeled().stream()
                .collect(Collectors.toMap(LabeledRecord::getId, Function.identity()));
        assertThat(byId.get("r0").getLabel()).isEqualTo(1);
        assertThat(byId.get("r1").getLabel()).isEqualTo(0);
        assertThat(app.streams().metadataForLocalThreads()).hasSize(2);
      }
    }
  }
}
