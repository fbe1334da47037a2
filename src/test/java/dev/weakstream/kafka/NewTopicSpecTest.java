package dev.weakstream.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NewTopicSpecTest {

  @Test
  void compactedTopicCarriesCleanupPolicyAndOverrides() {
    NewTopicSpec spec =
        NewTopicSpec.compacted("models", 1)
            .withReplicationFactor(3)
            .withConfig("min.insync.replicas", "2");

    assertThat(spec.replicationFactor()).isEqualTo((short) 3);
    assertThat(spec.toNewTopic().configs())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("cleanup.policy", "compact", "min.insync.replicas", "2"));
  }

  @Test
  void rejectsInvalidPartitionsAndReplicationFactor() {
    assertThatThrownBy(() -> NewTopicSpec.of("t", 0))
        .hasMessageContaining("partitions must be >= 1");
    assertThatThrownBy(() -> NewTopicSpec.of("t", 1).withReplicationFactor(0))
        .hasMessageContaining("replication factor must be >= 1");
    assertThatThrownBy(() -> NewTopicSpec.of(" ", 1)).hasMessageContaining("blank");
  }
}
