package dev.weakstream.core.lf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weakstream.core.LabelingFunction;
import dev.weakstream.core.LabelingFunctionSet;
import dev.weakstream.core.LabelingFunctionTimeout;
import dev.weakstream.core.TextRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A labeling function that would take far longer than its time budget on a record abstains at about
 * the budget and is reported as a timeout: a regex stopped mid-match by its watchdog, a plugin
 * whose late vote is discarded.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LabelingFunctionWatchdogTest {

  /**
   * Within RegexSize's limits (10 times [a-w]{1000}: about 10,000 instructions), but RE2/J keeps up
   * to 10,000 threads alive per character on a text of a's: about 2·10^8 steps on 20,000
   * characters, seconds without a watchdog. The text matches at its very end.
   */
  private static final String SLOW_PATTERN = "[a-w]{1000}".repeat(10) + "z";

  private static final String SLOW_TEXT = "a".repeat(19_999) + "z";

  private record Timeouts(List<String> names, List<String> faults)
      implements LabelingFunctionSet.FaultListener {
    Timeouts() {
      this(new ArrayList<>(), new ArrayList<>());
    }

    @Override
    public void onFault(int lfIndex, String lfName, RuntimeException error) {
      faults.add(lfName);
    }

    @Override
    public void onTimeout(int lfIndex, String lfName, LabelingFunctionTimeout timeout) {
      names.add(lfName);
    }
  }

  @Test
  void aSlowRegexIsStoppedAtItsBudgetAndAbstains() {
    RegexFunction slow = new RegexFunction("slow", 1, SLOW_PATTERN, false, 10);
    LabelingFunctionSet set =
        new LabelingFunctionSet(
            List.of(new KeywordsFunction("kw", 0, List.of("a"), MatchMode.ANY, true, false), slow),
            2,
            "v");
    Timeouts timeouts = new Timeouts();
    long start = System.nanoTime();
    int[] votes = set.apply(TextRecord.of("r", SLOW_TEXT), timeouts);
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(votes).containsExactly(0, LabelingFunction.ABSTAIN);
    assertThat(timeouts.names()).containsExactly("slow");
    assertThat(timeouts.faults()).isEmpty();
    assertThat(millis).as("ms for a 10 ms budget").isLessThan(500);
  }

  @Test
  void theSameRegexVotesOnTextsItCanMatchInTime() {
    // Watched (1,001 characters times about 1,000 instructions), done well within 1 s.
    RegexFunction watched = new RegexFunction("watched", 1, "[a-w]{1000}z", false, 1000);
    assertThat(watched.apply(TextRecord.of("r", "b".repeat(1000) + "z"))).isEqualTo(1);
    assertThat(watched.apply(TextRecord.of("r", "b".repeat(999) + "z")))
        .isEqualTo(LabelingFunction.ABSTAIN);
    // Short texts of cheap patterns are not watched at all: nothing to time out.
    RegexFunction cheap = new RegexFunction("cheap", 1, "\\bcheck\\s+out\\b", true, 1);
    assertThat(cheap.apply(TextRecord.of("r", "Check  out my channel"))).isEqualTo(1);
  }

  @Test
  void aSlowAttributeRegexIsStoppedToo() {
    AttributeFunction slow =
        AttributeFunction.matching("author", 1, "AUTHOR", ".*" + SLOW_PATTERN, false, 10);
    LabelingFunctionSet set = new LabelingFunctionSet(List.of(slow), 2, "v");
    Timeouts timeouts = new Timeouts();
    int[] votes = set.apply(new TextRecord("r", "t", Map.of("AUTHOR", SLOW_TEXT)), timeouts);
    assertThat(votes).containsExactly(LabelingFunction.ABSTAIN);
    assertThat(timeouts.names()).containsExactly("author");
  }

  @Test
  void aPluginThatTakesLongerThanItsBudgetHasItsVoteDiscarded() {
    LabelingFunction sleepy =
        new LabelingFunction() {
          @Override
          public String name() {
            return "sleepy";
          }

          @Override
          public int apply(TextRecord record) {
            try {
              Thread.sleep(30);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return 1;
          }
        };
    Timeouts timeouts = new Timeouts();
    LabelingFunctionSet tight =
        new LabelingFunctionSet(List.of(new TimedFunction(sleepy, 5)), 2, "v");
    assertThat(tight.apply(TextRecord.of("r", "x"), timeouts))
        .containsExactly(LabelingFunction.ABSTAIN);
    assertThat(timeouts.names()).containsExactly("sleepy");

    LabelingFunctionSet loose =
        new LabelingFunctionSet(List.of(new TimedFunction(sleepy, 1000)), 2, "v");
    assertThat(loose.apply(TextRecord.of("r", "x"), timeouts)).containsExactly(1);
    assertThat(timeouts.names()).containsExactly("sleepy");
  }

  @Test
  void aListenerThatKnowsNoTimeoutsHearsOfThemAsFaults() {
    List<RuntimeException> faults = new ArrayList<>();
    LabelingFunctionSet set =
        new LabelingFunctionSet(
            List.of(new RegexFunction("slow", 1, SLOW_PATTERN, false, 10)), 2, "v");
    set.apply(TextRecord.of("r", SLOW_TEXT), (i, name, e) -> faults.add(e));
    assertThat(faults).singleElement().isInstanceOf(LabelingFunctionTimeout.class);
    assertThat(faults.get(0).getMessage()).contains("'slow'").contains("10.0 ms");
  }

  @Test
  void aPauseNeverCutsAMatchThatHasDoneLittleWork() throws InterruptedException {
    // The deadline passes at once, but the first 1,000 reads are never stopped: a late but cheap
    // match keeps its vote.
    DeadlineText text = new DeadlineText("x".repeat(2_000), 1, 1_000, 1, "lf");
    Thread.sleep(5);
    for (int i = 0; i < 999; i++) {
      text.charAt(i);
    }
    assertThrows(LabelingFunctionTimeout.class, () -> text.charAt(999));
    // Before its deadline, a match may read as much as it likes.
    DeadlineText early = new DeadlineText("x".repeat(2_000), 60_000_000_000L, 10, 1, "lf");
    for (int i = 0; i < 2_000; i++) {
      assertThat(early.charAt(i)).isEqualTo('x');
    }
  }
}
