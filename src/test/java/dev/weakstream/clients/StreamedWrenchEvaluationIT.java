package dev.weakstream.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weakstream.labelmodel.LabelModelFactory;
import dev.weakstream.wrench.WrenchDataset;
import dev.weakstream.wrench.WrenchEvaluation;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The label model learned in the stream scores WRENCH test exactly as the offline evaluation does.
 */
@Tag("integration")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class StreamedWrenchEvaluationIT {

  @TempDir Path workDir;

  @Test
  void throughKafkaGivesTheSameNumbersAsOffline() throws Exception {
    WrenchDataset youtube = WrenchDataset.load(Path.of("src/test/resources/wrench/youtube"));
    WrenchEvaluation.Report offline =
        WrenchEvaluation.evaluate(youtube, List.of("mv", LabelModelFactory.DEFAULT));
    WrenchEvaluation.Report streamed = StreamedWrenchEvaluation.evaluate(youtube, workDir);

    assertThat(streamed.defaultModel()).isEqualTo(offline.defaultModel());
    for (String model : List.of("mv", LabelModelFactory.DEFAULT)) {
      assertThat(streamed.results().get(model).testAccuracy())
          .as(model)
          .isEqualTo(offline.results().get(model).testAccuracy());
      assertThat(streamed.results().get(model).testF1())
          .as(model)
          .isEqualTo(offline.results().get(model).testF1());
      assertThat(streamed.results().get(model).version())
          .isEqualTo(offline.results().get(model).version());
    }
    assertThat(streamed.results().get("mv").testAccuracy()).isEqualTo(0.84);
  }
}
