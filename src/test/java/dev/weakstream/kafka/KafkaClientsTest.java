package dev.weakstream.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientsTest {

  @TempDir Path dir;

  @Test
  void consumersReadCommittedWithoutAutoCommitFromTheEarliestOffset() {
    Map<String, Object> config =
        KafkaClients.of("host:9092").consumerConfig("reader", Map.of("group.id", "g"));
    assertThat(config)
        .containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "host:9092")
        .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
        .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
        .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
        .containsEntry("group.id", "g");
    assertThat((String) config.get(ConsumerConfig.CLIENT_ID_CONFIG)).startsWith("reader-");
  }

  @Test
  void producersAreIdempotentWithAcksAll() {
    Map<String, Object> config =
        KafkaClients.of("host:9092")
            .producerConfig("writer", Map.of(ProducerConfig.LINGER_MS_CONFIG, 20));
    assertThat(config)
        .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
        .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
        .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 20);
  }

  @Test
  void twoClientsNeverShareAClientId() {
    KafkaClients clients = KafkaClients.of("host:9092");
    assertThat(clients.consumerConfig("same", Map.of()).get(ConsumerConfig.CLIENT_ID_CONFIG))
        .isNotEqualTo(
            clients.consumerConfig("same", Map.of()).get(ConsumerConfig.CLIENT_ID_CONFIG));
  }

  @Test
  void theClientConfigFileWinsOverEveryDefaultAndReachesEveryKindOfClient() throws Exception {
    Path file = dir.resolve("client.properties");
    Files.writeString(
        file,
        "security.protocol=SASL_SSL\n"
            + "sasl.jaas.config=secret-value\n"
            + "linger.ms=5\n"
            + "isolation.level=read_uncommitted\n");
    KafkaClients clients = KafkaClients.withConfigFile("host:9092", file);

    assertThat(clients.adminConfig())
        .containsEntry(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "host:9092")
        .containsEntry("security.protocol", "SASL_SSL");
    assertThat(clients.producerConfig("p", Map.of(ProducerConfig.LINGER_MS_CONFIG, 20)))
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "5");
    assertThat(clients.consumerConfig("c", Map.of()))
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    assertThat(clients.toString()).contains("sasl.jaas.config").doesNotContain("secret-value");
  }

  @Test
  void anUnreadableClientConfigFileIsNamedInTheError() {
    Path missing = dir.resolve("missing.properties");
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> KafkaClients.withConfigFile("host:9092", missing));
    assertThat(error).hasMessageContaining("--client-config").hasMessageContaining("missing");
  }

  @Test
  void noFileMeansNoClientConfig() {
    assertThat(KafkaClients.withConfigFile("host:9092", null).clientConfig()).isEmpty();
  }
}
