package dev.weakstream.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Integration test against a real in-process KRaft broker. */
@Tag("integration")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class EmbeddedKafkaBrokerIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path workDir;

  @Test
  @SuppressWarnings("try") // closes its resource inside the try on purpose: close() is idempotent
  void producesConsumesCommitsTransactionsAndSurvivesRestart() throws Exception {
    String topic = "records";
    String compacted = "models";
    List<String> plain;
    String bootstrap;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(workDir, 0)) {
      bootstrap = broker.bootstrapServers();
      assertThat(bootstrap).startsWith("127.0.0.1:");
      assertThat(broker.dataDir()).isDirectoryContaining("glob:**/meta.properties");

      List<NewTopicSpec> specs =
          List.of(NewTopicSpec.of(topic, 2), NewTopicSpec.compacted(compacted, 1));
      try (Admin admin = admin(bootstrap)) {
        assertThat(TopicCreator.ensureTopics(admin, specs, TIMEOUT))
            .containsExactlyInAnyOrder(topic, compacted);
        assertThat(TopicCreator.ensureTopics(admin, specs, TIMEOUT)).isEmpty();
        assertThat(
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions())
            .hasSize(2);
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, compacted);
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
            .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
      }

      plain = List.of("a", "b", "c", "d");
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(producerConfig(bootstrap, null))) {
        for (int i = 0; i < plain.size(); i++) {
          producer.send(new ProducerRecord<>(topic, i % 2, "k" + i, plain.get(i))).get();
        }
      }
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(producerConfig(bootstrap, "it-tx-" + UUID.randomUUID()))) {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, 0, "tx", "committed"));
        producer.commitTransaction();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, 1, "tx", "aborted"));
        producer.flush();
        producer.abortTransaction();
      }
      assertThat(consumeAll(bootstrap, topic, plain.size() + 1))
          .containsExactlyInAnyOrder("a", "b", "c", "d", "committed");

      broker.close();
      broker.close();
    }

    try (EmbeddedKafkaBroker restarted = EmbeddedKafkaBroker.start(workDir, 0)) {
      try (Admin admin = admin(restarted.bootstrapServers())) {
        assertThat(admin.listTopics().names().get()).contains(topic, compacted);
        assertThat(
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions())
            .hasSize(2);
      }
      assertThat(consumeAll(restarted.bootstrapServers(), topic, plain.size() + 1))
          .containsExactlyInAnyOrder("a", "b", "c", "d", "committed");
    }
  }

  @Test
  void acceptsLargeMessages() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(workDir, 0)) {
      TopicCreator.ensureTopics(
          broker.clients(), List.of(NewTopicSpec.of("artifacts", 1)), TIMEOUT);
      Properties config = producerConfig(broker.bootstrapServers(), null);
      config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, BrokerProperties.MAX_MESSAGE_BYTES);
      String tenMiB = "x".repeat(10 * 1024 * 1024);
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
        assertThat(
                producer
                    .send(new ProducerRecord<>("artifacts", "model", tenMiB))
                    .get()
                    .serializedValueSize())
            .isEqualTo(tenMiB.length());
      }
    }
  }

  private static Admin admin(String bootstrap) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }

  private static Properties producerConfig(String bootstrap, String transactionalId) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    if (transactionalId != null) {
      config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    }
    return config;
  }

  /**
   * Reads committed records from the beginning until {@code expected} arrived or the timeout
   * passed.
   */
  private static List<String> consumeAll(String bootstrap, String topic, int expected) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    List<String> values = new ArrayList<>();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(topic));
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }
}
