package dev.weakstream.registry;

import dev.weakstream.kafka.ModelTopics;
import dev.weakstream.kafka.Topic;
import dev.weakstream.kafka.TopicReader;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the registry's Kafka clients need on top of {@link dev.weakstream.kafka.KafkaClients}:
 * fetches and requests sized for artifact chunks, and one transactional id per pipeline. The caller
 * owns (closes) every client made here.
 */
final class RegistryClients {

  private RegistryClients() {}

  /** The consumer settings of the registry's readers: fetches sized for artifact chunks. */
  static Map<String, Object> consumerSettings(RegistrySettings settings) {
    return Map.of(
        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * settings.chunkBytes(),
        ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 32 * settings.chunkBytes(),
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
  }

  /** A group-less read_committed consumer for manual assignment. */
  static KafkaConsumer<String, byte[]> consumer(RegistrySettings settings, String clientIdSuffix) {
    return settings
        .clients()
        .consumer(
            clientId(settings, clientIdSuffix),
            consumerSettings(settings),
            new StringDeserializer(),
            new ByteArrayDeserializer());
  }

  /**
   * A reader of the registry's {@code topic} from its beginning, skipping (with a warning) values
   * that are not of the registry: a follower must survive records of other writers.
   */
  static <V> TopicReader<String, V> reader(
      RegistrySettings settings, Topic<String, V> topic, String clientIdSuffix) {
    return TopicReader.open(
        settings.clients(),
        clientId(settings, clientIdSuffix),
        List.of(topic),
        consumerSettings(settings),
        settings.timeout(),
        TopicReader.Undecodable.SKIP);
  }

  static String clientId(RegistrySettings settings, String suffix) {
    return "weakstream-models-" + settings.pipeline() + "-" + suffix;
  }

  /**
   * A transactional producer. Every registry writer of a pipeline uses the same transactional id,
   * so a newer writer fences an older one that is still in the middle of an operation.
   */
  static KafkaProducer<String, byte[]> transactionalProducer(RegistrySettings settings) {
    return settings
        .clients()
        .producer(
            clientId(settings, "writer"),
            Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                "weakstream-models-" + settings.pipeline(),
                ProducerConfig.LINGER_MS_CONFIG,
                0,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                settings.chunkBytes() + ModelTopics.CHUNK_OVERHEAD_BYTES,
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                (int) settings.timeout().toMillis()),
            new StringSerializer(),
            new ByteArraySerializer());
  }
}
