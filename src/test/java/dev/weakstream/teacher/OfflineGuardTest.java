package dev.weakstream.teacher;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The tokenizer refuses to load unless DJL is kept offline by both switches. */
class OfflineGuardTest {

  private static Properties offline(String value) {
    Properties p = new Properties();
    if (value != null) {
      p.setProperty("ai.djl.offline", value);
    }
    return p;
  }

  @Test
  void bothSwitchesSetPasses() {
    assertThatCode(() -> OfflineGuard.check(Map.of("OPT_OUT_TRACKING", "true"), offline("true")))
        .doesNotThrowAnyException();
  }

  @Test
  void aMissingSystemPropertyIsRefusedByName() {
    assertThatThrownBy(() -> OfflineGuard.check(Map.of("OPT_OUT_TRACKING", "true"), offline(null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ai.djl.offline=true");
    assertThatThrownBy(
            () -> OfflineGuard.check(Map.of("OPT_OUT_TRACKING", "true"), offline("false")))
        .hasMessageContaining("ai.djl.offline=true");
  }

  @Test
  void aMissingEnvironmentVariableIsRefusedByName() {
    assertThatThrownBy(() -> OfflineGuard.check(Map.of(), offline("true")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("OPT_OUT_TRACKING=true");
  }

  @Test
  void theTestJvmItselfRunsWithBothSwitches() {
    // surefire sets both; if this fails, a tokenizer test could reach the network
    assertThatCode(OfflineGuard::check).doesNotThrowAnyException();
  }
}
