package dev.weakstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weakstream.avro.DeadLetter;
import dev.weakstream.avro.DeadLetterReason;
import dev.weakstream.avro.LabeledRecord;
import dev.weakstream.avro.RawRecord;
import dev.weakstream.cli.Weakstream;
import dev.weakstream.clients.PipelineOutputReader;
import dev.weakstream.clients.RawRecordProducer;
import dev.weakstream.codec.ChildJvm;
import dev.weakstream.codec.PoisonMessages;
import dev.weakstream.codec.PoisonPipeline;
import dev.weakstream.codec.SingleObjectCodec;
import dev.weakstream.kafka.EmbeddedKafkaBroker;
import dev.weakstream.kafka.PipelineTopics;
import dev.weakstream.pipeline.PipelineDefinition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code weakstream run}, in its own JVM with a 256 MB heap, against an embedded broker:
 * poison Avro messages whose length fields claim gigabytes ({@link PoisonMessages}), a tombstone
 * and an empty value, among valid records. Each poison message must be dead-lettered, and every
 * valid record after it labeled — exactly once — instead of the stream thread dying of {@link
 * OutOfMemoryError} and every restart dying on the same uncommitted record.
 */
@Tag("integration")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class PoisonMessageIT {

  @TempDir Path workDir;

  @Test
  void poisonMessagesAreDeadLetteredByAPipelineWithA256MbHeap() throws Exception {
    PipelineDefinition pipeline = PoisonPipeline.definition();
    SingleObjectCodec<RawRecord> avro = SingleObjectCodec.of(new RawRecord());
    Map<String, byte[]> poison = PoisonMessages.rawRecords();
    int valid = 200;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(workDir.resolve("kafka"), 0)) {
      PipelineTopics.create(pipeline, broker.clients());
      Path log = workDir.resolve("run.log");
      Process run =
          ChildJvm.start(
              List.of("-Xmx256m"),
              log,
              Weakstream.class,
              "run",
              PoisonPipeline.file().toString(),
              "--bootstrap-servers",
              broker.bootstrapServers(),
              "--work-dir",
              workDir.resolve("run").toString(),
              "--application-id",
              "poison-it-" + UUID.randomUUID(),
              "--metrics-port",
              "-1");
      try (RawRecordProducer producer = new RawRecordProducer(pipeline, broker.clients())) {
        int i = 0;
        for (Map.Entry<String, byte[]> message : poison.entrySet()) {
          producer.send("poison-" + message.getKey(), message.getValue());
          for (int n = 0; n < valid / (poison.size() + 2); n++, i++) {
            producer.send("r" + i, avro.encode(record("r" + i)));
          }
        }
        producer.send("tombstone", null);
        producer.send("empty", new byte[0]);
        for (; i < valid; i++) {
          producer.send(
              "r" + i,
              ("{\"id\":\"r" + i + "\",\"text\":\"subscribe to my channel\"}")
                  .getBytes(StandardCharsets.UTF_8));
        }
        producer.flush();

        int expected = valid + poison.size() + 2;
        PipelineOutputReader.Output out =
            new PipelineOutputReader(pipeline, broker.clients())
                .readUntil(expected, Duration.ofSeconds(150), Duration.ofSeconds(3), n -> {});
        String runLog = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(run.isAlive())
            .as("weakstream run is still running; its log:%n%s", runLog)
            .isTrue();
        assertThat(runLog).doesNotContain("OutOfMemoryError");

        Map<String, Long> labeled =
            out.labeled().stream()
                .collect(Collectors.groupingBy(LabeledRecord::getId, Collectors.counting()));
        assertThat(labeled).as(runLog).hasSize(valid);
        assertThat(labeled.values()).allMatch(n -> n == 1);
        Map<String, DeadLetterReason> deadLetters =
            out.deadLetters().stream()
                .collect(
                    Collectors.toMap(
                        d -> new String(d.getOriginalKey().array(), StandardCharsets.UTF_8),
                        DeadLetter::getReason));
        assertThat(deadLetters).hasSize(poison.size() + 2);
        for (String name : poison.keySet()) {
          assertThat(deadLetters).containsEntry("poison-" + name, DeadLetterReason.UNDECODABLE);
        }
        assertThat(deadLetters)
            .containsEntry("tombstone", DeadLetterReason.TOMBSTONE)
            .containsEntry("empty", DeadLetterReason.EMPTY_VALUE);
        DeadLetter textLength =
            out.deadLetters().stream()
                .filter(d -> d.getOriginalValue() != null && d.getOriginalValue().remaining() == 45)
                .findFirst()
                .orElseThrow();
        assertThat(textLength.getMessage())
            .contains("field 'text'")
            .contains("byte offset 25")
            .contains("bytes left");
      } finally {
        run.destroy();
        if (!run.waitFor(30, TimeUnit.SECONDS)) {
          run.destroyForcibly();
        }
      }
    }
  }

  private static RawRecord record(String id) {
    return RawRecord.newBuilder()
        .setId(id)
        .setEventTime(Instant.now())
        .setText("love this song")
        .build();
  }
}
