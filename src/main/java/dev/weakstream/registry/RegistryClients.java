package dev.weakstream.registry;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka clients of the registry, configured once. The caller owns (closes) every client made
 * here.
 */
final class RegistryClients {

  private RegistryClients() {}

  static Map<String, Object> common(RegistrySettings settings) {
    Map<String, Object> config = new HashMap<>(settings.clientProperties());
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    return config;
  }

  /**
   * A group-less read_committed consumer for manual assignment, with fetches sized for artifact
   * chunks.
   */
  static KafkaConsumer<String, byte[]> consumer(RegistrySettings settings, String clientIdSuffix) {
    Map<String, Object> config = common(settings);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * settings.chunkBytes());
    config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 32 * settings.chunkBytes());
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
    config.put(
        ConsumerConfig.CLIENT_ID_CONFIG,
        "weakstream-models-" + settings.pipeline() + "-" + clientIdSuffix);
    return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * A transactional producer. Every registry writer of a pipeline uses the same transactional id,
   * so a newer writer fences an older one that is still in the middle of an operation.
   */
  static KafkaProducer<String, byte[]> transactionalProducer(RegistrySettings settings) {
    Map<String, Object> config = common(settings);
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "weakstream-models-" + settings.pipeline());
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
        settings.chunkBytes() + ModelTopics.CHUNK_OVERHEAD_BYTES);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) settings.timeout().toMillis());
    config.put(
        ProducerConfig.CLIENT_ID_CONFIG, "weakstream-models-" + settings.pipeline() + "-writer");
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }
}
