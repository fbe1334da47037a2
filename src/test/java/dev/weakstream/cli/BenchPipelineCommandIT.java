package dev.weakstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code bench pipeline} through the real command line, on a small input. An integration test: the
 * command starts an embedded broker.
 */
@Tag("integration")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BenchPipelineCommandIT {

  @Test
  void reportsBothRatesAndTheirRatio() throws Exception {
    CommandLineRun run =
        CommandLineRun.of("bench", "pipeline", "--records", "30000", "--rounds", "1", "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("records").asLong()).isEqualTo(30_000);
    assertThat(json.get("passthrough_rps").asDouble()).isPositive();
    assertThat(json.get("pipeline_rps").asDouble()).isPositive();
    assertThat(json.get("ratio").asDouble())
        .isCloseTo(
            json.get("pipeline_rps").asDouble() / json.get("passthrough_rps").asDouble(),
            Offset.offset(0.01));
  }
}
