package dev.weakstream.kafka;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.utils.internals.Exit;
import org.junit.jupiter.api.Test;

class ExitProcedureGuardTest {

  @Test
  void suppressedExitAndHaltThrowInsteadOfEndingTheJvm() {
    ExitProcedureGuard.acquire();
    try {
      assertThatThrownBy(() -> Exit.exit(1, "boom"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("exit(1): boom");
      assertThatThrownBy(() -> Exit.halt(2, "bang"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("halt(2): bang");
    } finally {
      ExitProcedureGuard.release();
    }
  }

  @Test
  void releaseWithoutAcquireIsAnError() {
    assertThatThrownBy(ExitProcedureGuard::release).isInstanceOf(IllegalStateException.class);
  }
}
