package dev.weakstream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weakstream.core.LabelingFunction;
import dev.weakstream.core.LabelingFunctionSet;
import dev.weakstream.core.TextRecord;
import dev.weakstream.core.lf.KeywordsFunction;
import dev.weakstream.core.lf.MatchMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelingFunctionBenchmarkTest {

  private static final LabelingFunction THROWS =
      new LabelingFunction() {
        @Override
        public String name() {
          return "throws";
        }

        @Override
        public int apply(TextRecord record) {
          throw new IllegalStateException("broken plugin");
        }
      };

  @Test
  void measuresEveryFunctionInVoteOrderAndAThrowingOneLikeTheStream() {
    LabelingFunctionSet set =
        new LabelingFunctionSet(
            List.of(
                THROWS,
                new KeywordsFunction("song", 0, List.of("song"), MatchMode.ANY, true, true)),
            2,
            "v1");
    List<TextRecord> records =
        List.of(TextRecord.of("1", "a song"), TextRecord.of("2", "check this out"));

    LabelingFunctionBenchmark.Result result =
        new LabelingFunctionBenchmark(set, records).run(1, 3, 2);

    assertThat(result.records()).isEqualTo(2);
    assertThat(result.functionMicros().keySet()).containsExactly("throws", "song");
    assertThat(result.functionMicros().values())
        .allSatisfy(micros -> assertThat(micros).isPositive());
    assertThat(result.setMicros()).isPositive();
    assertThat(result.oneByOneMicros())
        .isEqualTo(result.functionMicros().get("throws") + result.functionMicros().get("song"));
  }

  @Test
  void needsRecordsAndAtLeastOneRound() {
    LabelingFunctionSet set = new LabelingFunctionSet(List.of(THROWS), 2, "v1");
    assertThatThrownBy(() -> new LabelingFunctionBenchmark(set, List.of()))
        .hasMessageContaining("no records");
    assertThatThrownBy(
            () -> new LabelingFunctionBenchmark(set, List.of(TextRecord.of("1", "x"))).run(0, 0, 1))
        .hasMessageContaining("rounds");
  }
}
