package dev.weakstream.stream;

import static dev.weakstream.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weakstream.avro.LabeledRecord;
import dev.weakstream.avro.RawRecord;
import dev.weakstream.clients.PipelineOutputReader;
import dev.weakstream.clients.RawRecordProducer;
import dev.weakstream.kafka.EmbeddedKafkaBroker;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.pipeline.PipelineLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a running pipeline (SIGKILL of its JVM, no shutdown) while a teacher batch is partly filled
 * and committed, restarts it, and checks that every record comes out exactly once, with the
 * teacher's vote: the pending batch survives in the changelogged store, nothing is lost or
 * duplicated.
 */
@Tag("integration")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class TeacherCrashIT {

  private static final String APP_ID = "teacher-crash-it";

  @TempDir Path workDir;

  @Test
  void aCrashMidBatchLosesAndDuplicatesNothing() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(workDir.resolve("kafka"), 0)) {
      Path slow =
          writePipeline(
              "slow.yaml", 60_000); // the batch would wait a minute: it is pending when killed
      Path fast = writePipeline("fast.yaml", 300);
      PipelineDefinition pipeline = PipelineLoader.load(slow);

      Process first = startRun(slow, broker.bootstrapServers(), "first");
      try (RawRecordProducer producer = new RawRecordProducer(pipeline, broker.clients())) {
        awaitRunning(broker);
        producer.send(
            RawRecord.newBuilder()
                .setId("covered")
                .setEventTime(Instant.now())
                .setText("subscribe to my channel")
                .build());
        for (int i = 0; i < 30; i++) {
          producer.send(
              RawRecord.newBuilder()
                  .setId("u" + i)
                  .setEventTime(Instant.now())
                  .setText("an uncovered comment number " + i)
                  .build());
        }
        producer.flush();
      }
      awaitCommitted(broker, pipeline.input().topic(), 31);
      first.destroyForcibly().waitFor();

      PipelineOutputReader reader = new PipelineOutputReader(pipeline, broker.clients());
      assertThat(reader.readToEnd(Duration.ofSeconds(30)).labeled())
          .extracting(LabeledRecord::getId)
          .containsExactly("covered");

      Process second = startRun(fast, broker.bootstrapServers(), "second");
      try {
        PipelineOutputReader.Output out =
            reader.readUntil(31, Duration.ofSeconds(120), Duration.ofSeconds(3), n -> {});
        Map<String, Long> counts =
            out.labeled().stream()
                .collect(Collectors.groupingBy(LabeledRecord::getId, Collectors.counting()));
        assertThat(counts).hasSize(31).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
        Map<String, LabeledRecord> byId =
            out.labeled().stream()
                .collect(Collectors.toMap(LabeledRecord::getId, Function.identity()));
        for (int i = 0; i < 30; i++) {
          assertThat(byId.get("u" + i).getTeacherName()).isEqualTo("minilm");
        }
        assertThat(out.deadLetters()).isEmpty();
      } finally {
        second.destroy();
        second.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  private Path writePipeline(String name, int maxWaitMs) throws Exception {
    String yaml =
        """
        name: crash-test
        classes:
          - {id: 0, name: HAM, description: "a genuine comment"}
          - {id: 1, name: SPAM, description: "self-promotion and requests to subscribe"}
        input: {topic: crash-raw, format: avro}
        output: {labeled_topic: crash-labeled, dead_letter_topic: crash-dead-letters, partitions: 2}
        label_model: {name: mv}
        teachers:
          - {name: minilm, mode: zeroshot, query: uncovered, batch_size: 1000, max_wait_ms: %d}
        labeling_functions:
          - {name: subscribe, kind: keywords, words: [subscribe], label: SPAM}
        """
            .formatted(maxWaitMs);
    return Files.writeString(workDir.resolve(name), yaml);
  }

  private Process startRun(Path pipeline, String bootstrap, String log) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.weakstream.cli.Weakstream",
                "run",
                pipeline.toString(),
                "--bootstrap-servers",
                bootstrap,
                "--application-id",
                APP_ID,
                "--threads",
                "2",
                "--metrics-port",
                "-1",
                "--work-dir",
                workDir.resolve("app").toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve(log + ".log").toFile());
    builder.environment().put("OPT_OUT_TRACKING", "true");
    return builder.start();
  }

  private void awaitRunning(EmbeddedKafkaBroker broker) throws Exception {
    Path log = workDir.resolve("first.log");
    await(() -> Files.exists(log) && Files.readString(log).contains("running"), "pipeline running");
  }

  private static void awaitCommitted(EmbeddedKafkaBroker broker, String topic, long records)
      throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      await(
          () -> {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                admin.listConsumerGroupOffsets(APP_ID).partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic))
                    .mapToLong(e -> e.getValue().offset())
                    .sum()
                >= records;
          },
          records + " input offsets committed");
    }
  }
}
