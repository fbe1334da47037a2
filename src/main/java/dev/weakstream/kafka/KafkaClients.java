package dev.weakstream.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * How every Kafka client of weakstream is configured, in one place: the cluster's {@code
 * bootstrap.servers} and the client properties of a {@code --client-config} file (security settings
 * such as {@code security.protocol}, {@code sasl.*}, {@code ssl.*}), applied to every admin client,
 * consumer, producer and Kafka Streams application made from it.
 *
 * <p>Consumers read with {@code read_committed} isolation (only what exactly-once processing and
 * the registry's transactions committed), never auto-commit, and start at the earliest offset when
 * they have none. Producers are idempotent with {@code acks=all}. Precedence, lowest first: these
 * defaults, the settings a client passes for its job (group id, fetch sizes, batching), then the
 * client config file, so what a user writes there is what the clients use.
 *
 * <p>Immutable and thread-safe. Every client made here belongs to the caller, who closes it.
 *
 * @param bootstrapServers the cluster, {@code host:port,...}
 * @param clientConfig the client config file's properties, or none
 */
public record KafkaClients(String bootstrapServers, Map<String, String> clientConfig) {

  /** Numbers client ids, so two clients of one process never register the same JMX name. */
  private static final AtomicLong CLIENT_SEQUENCE = new AtomicLong();

  public KafkaClients {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrap servers must not be blank");
    }
    clientConfig = Map.copyOf(clientConfig);
  }

  /** Clients of a cluster that needs no client properties (e.g. the embedded broker). */
  public static KafkaClients of(String bootstrapServers) {
    return new KafkaClients(bootstrapServers, Map.of());
  }

  /**
   * Clients of a cluster with the properties of {@code clientConfigFile} ({@code --client-config}).
   *
   * @param clientConfigFile a Java properties file, or null for none
   * @throws IllegalArgumentException naming the file when it cannot be read
   */
  public static KafkaClients withConfigFile(String bootstrapServers, Path clientConfigFile) {
    if (clientConfigFile == null) {
      return of(bootstrapServers);
    }
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(clientConfigFile)) {
      props.load(reader);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read --client-config " + clientConfigFile + ": " + e.getMessage(), e);
    }
    Map<String, String> config = new LinkedHashMap<>();
    props.forEach((k, v) -> config.put(k.toString(), v.toString()));
    return new KafkaClients(bootstrapServers, config);
  }

  /** The settings of an admin client. */
  public Map<String, Object> adminConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.putAll(clientConfig);
    return config;
  }

  /** A new admin client; the caller closes it. */
  public Admin admin() {
    return Admin.create(adminConfig());
  }

  /**
   * The settings of a consumer: read_committed, no auto-commit, earliest offset when none is
   * committed, then {@code settings}, then the client config file.
   *
   * @param clientId prefix of the client id (a sequence number is appended)
   */
  public Map<String, Object> consumerConfig(String clientId, Map<String, ?> settings) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
        IsolationLevel.READ_COMMITTED.toString().toLowerCase(Locale.ROOT));
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, numbered(clientId));
    config.putAll(settings);
    config.putAll(clientConfig);
    return config;
  }

  /** A new consumer with {@link #consumerConfig}; the caller closes it. */
  public <K, V> KafkaConsumer<K, V> consumer(
      String clientId,
      Map<String, ?> settings,
      Deserializer<K> keyDeserializer,
      Deserializer<V> valueDeserializer) {
    return new KafkaConsumer<>(
        consumerConfig(clientId, settings), keyDeserializer, valueDeserializer);
  }

  /**
   * The settings of a producer: idempotent, {@code acks=all}, then {@code settings}, then the
   * client config file.
   *
   * @param clientId prefix of the client id (a sequence number is appended)
   */
  public Map<String, Object> producerConfig(String clientId, Map<String, ?> settings) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.CLIENT_ID_CONFIG, numbered(clientId));
    config.putAll(settings);
    config.putAll(clientConfig);
    return config;
  }

  /** A new producer with {@link #producerConfig}; the caller closes it. */
  public <K, V> KafkaProducer<K, V> producer(
      String clientId,
      Map<String, ?> settings,
      Serializer<K> keySerializer,
      Serializer<V> valueSerializer) {
    return new KafkaProducer<>(producerConfig(clientId, settings), keySerializer, valueSerializer);
  }

  /** Names the client config's keys only: their values may be secrets. */
  @Override
  public String toString() {
    return "KafkaClients[bootstrapServers="
        + bootstrapServers
        + ", clientConfig keys="
        + new TreeSet<>(clientConfig.keySet())
        + "]";
  }

  private static String numbered(String clientId) {
    return clientId + "-" + CLIENT_SEQUENCE.incrementAndGet();
  }
}
