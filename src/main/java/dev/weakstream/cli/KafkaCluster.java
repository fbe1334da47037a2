package dev.weakstream.cli;

import dev.weakstream.kafka.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The Kafka cluster a command works against: an external one named by {@code --bootstrap-servers},
 * or an embedded broker this object starts and owns. While an embedded broker runs, its address is
 * written to {@code <work-dir>/bootstrap.servers} so {@code weakstream produce} can find it.
 *
 * <p>{@link #close()} stops the embedded broker, if any; idempotent.
 */
final class KafkaCluster implements AutoCloseable {

  static final String ADDRESS_FILE = "bootstrap.servers";

  private final String bootstrapServers;
  private final Map<String, String> clientOverrides;
  private final EmbeddedKafkaBroker broker;
  private final Path addressFile;

  private KafkaCluster(
      String bootstrapServers,
      Map<String, String> clientOverrides,
      EmbeddedKafkaBroker broker,
      Path addressFile) {
    this.bootstrapServers = bootstrapServers;
    this.clientOverrides = clientOverrides;
    this.broker = broker;
    this.addressFile = addressFile;
  }

  /** Connects to the external cluster, or starts the embedded broker under {@code brokerDir}. */
  static KafkaCluster open(ClusterOptions options, Path brokerDir) {
    if (options.bootstrapServers != null) {
      return new KafkaCluster(options.bootstrapServers, options.clientOverrides(), null, null);
    }
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(brokerDir, options.brokerPort);
    Path addressFile = options.workDir.resolve(ADDRESS_FILE);
    try {
      Files.createDirectories(options.workDir);
      Files.writeString(addressFile, broker.bootstrapServers() + "\n");
    } catch (IOException e) {
      broker.close();
      throw new UncheckedIOException("cannot write " + addressFile, e);
    }
    return new KafkaCluster(broker.bootstrapServers(), Map.of(), broker, addressFile);
  }

  /**
   * The external cluster, or the embedded broker of a running {@code weakstream run} in the work
   * dir.
   */
  static KafkaCluster connect(ClusterOptions options) {
    if (options.bootstrapServers != null) {
      return new KafkaCluster(options.bootstrapServers, options.clientOverrides(), null, null);
    }
    Path addressFile = options.workDir.resolve(ADDRESS_FILE);
    if (!Files.isRegularFile(addressFile)) {
      throw new IllegalArgumentException(
          "no --bootstrap-servers given and no running 'weakstream run' found ("
              + addressFile
              + " is missing): start one, or pass --bootstrap-servers");
    }
    try {
      return new KafkaCluster(Files.readString(addressFile).trim(), Map.of(), null, null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + addressFile, e);
    }
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  Map<String, String> clientOverrides() {
    return clientOverrides;
  }

  /** Settings for an admin client on this cluster. */
  Map<String, Object> adminConfig() {
    Map<String, Object> config = new HashMap<>(clientOverrides);
    config.put("bootstrap.servers", bootstrapServers);
    return config;
  }

  boolean embedded() {
    return broker != null;
  }

  @Override
  public void close() {
    if (broker != null) {
      try {
        Files.deleteIfExists(addressFile);
      } catch (IOException ignored) {
        // a stale address file only makes a later 'produce' fail with a connection error
      }
      broker.close();
    }
  }
}
