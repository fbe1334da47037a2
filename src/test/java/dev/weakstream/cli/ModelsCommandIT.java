package dev.weakstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weakstream.kafka.EmbeddedKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code weakstream models ...} against a real embedded broker. */
@Tag("integration")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ModelsCommandIT {

  private static final String PIPELINE = "topology/youtube-spam.yaml";

  @TempDir Path workDir;

  private static CommandLineRun run(String bootstrap, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--bootstrap-servers");
    all.add(bootstrap);
    return CommandLineRun.of(all.toArray(String[]::new));
  }

  @Test
  void publishListPromoteShowAndRollBackFromTheCommandLine() throws Exception {
    Path v1 = workDir.resolve("v1.onnx");
    Path v2 = workDir.resolve("v2.onnx");
    byte[] bytes = new byte[700_000];
    new Random(1).nextBytes(bytes);
    Files.write(v1, bytes);
    new Random(2).nextBytes(bytes);
    Files.write(v2, bytes);
    ObjectMapper json = new ObjectMapper();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(workDir.resolve("kafka"), 0)) {
      String kafka = broker.bootstrapServers();
      CommandLineRun none = run(kafka, "models", "rollback", PIPELINE);
      assertThat(none.exitCode()).isEqualTo(1);
      assertThat(none.err()).startsWith("weakstream: pipeline youtube-spam has no models yet");

      CommandLineRun published =
          run(
              kafka,
              "models",
              "publish",
              PIPELINE,
              v1.toString(),
              "--model",
              "student",
              "--metric",
              "gold_f1=0.80",
              "--metric",
              "gold_accuracy=0.9",
              "--gate-metric",
              "gold_f1",
              "--provenance",
              "seed=42");
      assertThat(published.exitCode()).as(published.err()).isZero();
      assertThat(published.out()).startsWith("published student v1 (700000 bytes, 2 chunks");
      assertThat(
              run(
                      kafka,
                      "models",
                      "publish",
                      PIPELINE,
                      v2.toString(),
                      "--model",
                      "student",
                      "--metric",
                      "gold_f1=0.802",
                      "--gate-metric",
                      "gold_f1",
                      "--parent",
                      "1")
                  .exitCode())
          .isZero();

      CommandLineRun promoted = run(kafka, "models", "promote", PIPELINE, "1");
      assertThat(promoted.out()).startsWith("promoted student v1: no active version");
      assertThat(promoted.exitCode()).isZero();
      CommandLineRun refused = run(kafka, "models", "promote", PIPELINE, "2", "--json");
      assertThat(refused.exitCode()).isEqualTo(ModelsPromoteCommand.REFUSED);
      JsonNode refusal = json.readTree(refused.out());
      assertThat(refusal.get("promoted").asBoolean()).isFalse();
      assertThat(refusal.get("reason").asText())
          .isEqualTo(
              "v2 gold_f1 0.8020 does not beat active v1 0.8000 by more than the margin 0.0050");
      CommandLineRun lowMargin =
          run(kafka, "models", "promote", PIPELINE, "2", "--margin", "0.001");
      assertThat(lowMargin.exitCode()).as(lowMargin.out() + lowMargin.err()).isZero();

      JsonNode list = json.readTree(run(kafka, "models", "list", PIPELINE, "--json").out());
      assertThat(list.size()).isEqualTo(2);
      assertThat(list.get(0).get("status").asText()).isEqualTo("RETIRED");
      assertThat(list.get(1).get("status").asText()).isEqualTo("ACTIVE");
      assertThat(list.get(1).get("replaced_version").asInt()).isEqualTo(1);
      String table = run(kafka, "models", "list", PIPELINE).out();
      assertThat(table.lines().toList()).hasSize(3);
      assertThat(table.lines().skip(2).findFirst().orElseThrow())
          .contains("ACTIVE")
          .contains("gold_f1=0.8020");

      CommandLineRun show = run(kafka, "models", "show", PIPELINE, "1");
      assertThat(show.out())
          .contains("status: RETIRED")
          .contains("status_reason: replaced by v2")
          .contains("  seed: 42")
          .contains("  file: v1.onnx");
      CommandLineRun missing = run(kafka, "models", "show", PIPELINE, "9");
      assertThat(missing.exitCode()).isEqualTo(1);
      assertThat(missing.err()).startsWith("weakstream: model student has no version 9");

      CommandLineRun rollback = run(kafka, "models", "rollback", PIPELINE);
      assertThat(rollback.out().trim()).isEqualTo("rolled back student: v2 retired, v1 active");
      assertThat(
              json.readTree(run(kafka, "models", "show", PIPELINE, "1", "--json").out())
                  .get("status")
                  .asText())
          .isEqualTo("ACTIVE");
      CommandLineRun again = run(kafka, "models", "rollback", PIPELINE);
      assertThat(again.exitCode()).isEqualTo(1);
      assertThat(again.err()).contains("nothing to roll back to");
    }
  }
}
