package dev.weakstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code bench pipeline} through the real command line, on a small input. */
class BenchPipelineCommandTest {

  @Test
  void reportsBothRatesAndTheirRatio() throws Exception {
    PrintStream original = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      assertThat(Weakstream.commandLine().execute("bench", "pipeline", "--records", "30000", "--rounds", "1",
          "--json")).isEqualTo(0);
    } finally {
      System.setOut(original);
      System.setErr(originalErr);
    }
    JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    assertThat(json.get("records").asLong()).isEqualTo(30_000);
    assertThat(json.get("passthrough_rps").asDouble()).isPositive();
    assertThat(json.get("pipeline_rps").asDouble()).isPositive();
    assertThat(json.get("ratio").asDouble()).isCloseTo(
        json.get("pipeline_rps").asDouble() / json.get("passthrough_rps").asDouble(),
        org.assertj.core.data.Offset.offset(0.01));
  }
}
