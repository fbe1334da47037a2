package dev.weakstream.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The integration tests' one polling helper: returns, gives up and reports as it says. */
class EventuallyTest {

  @Test
  void returnsOnceTheConditionHolds() throws InterruptedException {
    AtomicInteger checks = new AtomicInteger();
    Eventually.await(() -> checks.incrementAndGet() == 3, "the third check");
    assertThat(checks).hasValue(3);
  }

  @Test
  void failsWithWhatItWaitedFor() {
    assertThatThrownBy(() -> Eventually.await(() -> false, Duration.ofMillis(250), "a miracle"))
        .isInstanceOf(AssertionError.class)
        .hasMessage("not within 0.25 s: a miracle");
  }

  @Test
  void anExceptionWhileCheckingFailsTheWait() {
    IllegalStateException unchecked = new IllegalStateException("broken");
    assertThatThrownBy(
            () ->
                Eventually.await(
                    () -> {
                      throw unchecked;
                    },
                    "x"))
        .isSameAs(unchecked);
    assertThatThrownBy(
            () ->
                Eventually.await(
                    () -> {
                      throw new IOException("gone");
                    },
                    "the file"))
        .isInstanceOf(AssertionError.class)
        .hasMessage("while waiting for the file")
        .hasCauseInstanceOf(IOException.class);
  }
}
