package dev.weakstream.cli;

import dev.weakstream.kafka.EmbeddedKafkaBroker;
import dev.weakstream.kafka.KafkaClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Kafka cluster a command works against: an external one named by {@code --bootstrap-servers},
 * or an embedded broker this object starts and owns. While an embedded broker runs, its address is
 * written to {@code <work-dir>/bootstrap.servers} so {@code weakstream produce} can find it.
 *
 * <p>{@link #close()} stops the embedded broker, if any; idempotent.
 */
final class KafkaCluster implements AutoCloseable {

  static final String ADDRESS_FILE = "bootstrap.servers";

  private final KafkaClients clients;
  private final EmbeddedKafkaBroker broker;
  private final Path addressFile;

  private KafkaCluster(KafkaClients clients, EmbeddedKafkaBroker broker, Path addressFile) {
    this.clients = clients;
    this.broker = broker;
    this.addressFile = addressFile;
  }

  /** Connects to the external cluster, or starts the embedded broker under {@code brokerDir}. */
  static KafkaCluster open(ClusterOptions options, Path brokerDir) {
    if (options.bootstrapServers != null) {
      return new KafkaCluster(options.clients(options.bootstrapServers), null, null);
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
    return new KafkaCluster(broker.clients(), broker, addressFile);
  }

  /**
   * The external cluster, or the embedded broker of a running {@code weakstream run} in the work
   * dir.
   */
  static KafkaCluster connect(ClusterOptions options) {
    if (options.bootstrapServers != null) {
      return new KafkaCluster(options.clients(options.bootstrapServers), null, null);
    }
    Path addressFile = options.workDir.resolve(ADDRESS_FILE);
    if (!Files.isRegularFile(addressFile)) {
      throw new IllegalArgumentException(
          "no --bootstrap-servers given and no running 'weakstream run' found ("
              + addressFile
              + " is missing): start one, or pass --bootstrap-servers");
    }
    try {
      return new KafkaCluster(KafkaClients.of(Files.readString(addressFile).trim()), null, null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + addressFile, e);
    }
  }

  String bootstrapServers() {
    return clients.bootstrapServers();
  }

  /** The client factory of this cluster, with the {@code --client-config} file's settings. */
  KafkaClients clients() {
    return clients;
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
