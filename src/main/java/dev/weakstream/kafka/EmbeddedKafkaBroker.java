package dev.weakstream.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker and controller) running inside
 * this JVM, for local runs and integration tests where there is no Docker and no external cluster.
 *
 * <p>Data lives under {@code workDir}: {@code workDir/kafka-data} is the log directory (also
 * holding the KRaft metadata log) and {@code workDir/server.properties} is the configuration last
 * used. A directory that is already formatted is reused, so a restart on the same {@code workDir}
 * keeps topics, records and committed offsets; otherwise it is formatted with a fresh cluster id.
 * All listeners bind 127.0.0.1. Transactions (Kafka Streams {@code exactly_once_v2}) work and the
 * broker accepts messages up to 16 MiB; see {@link BrokerProperties} for the full configuration.
 *
 * <p>While any embedded broker runs, Kafka's JVM exit/halt procedures are replaced so a broker
 * fault cannot terminate the JVM ({@link ExitProcedureGuard}).
 *
 * <p>Ownership: the caller owns the returned broker and must {@link #close()} it; closing stops the
 * broker and waits for its threads, but leaves the data directory on disk. Thread-safety: the
 * accessors are safe from any thread; {@link #close()} is idempotent and synchronized, so a
 * concurrent second call waits until the broker is down.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

  /** Longest wait for the started broker to answer an Admin request. */
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final KafkaRaftServer server;
  private final Path dataDir;
  private final String bootstrapServers;
  private boolean closed;

  private EmbeddedKafkaBroker(KafkaRaftServer server, Path dataDir, String bootstrapServers) {
    this.server = server;
    this.dataDir = dataDir;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Starts a broker with the default configuration and returns once it serves clients.
   *
   * @param workDir directory for the broker's data and configuration; created if absent
   * @param port the client port on 127.0.0.1, or 0 to pick a free one
   */
  public static EmbeddedKafkaBroker start(Path workDir, int port) {
    return start(workDir, port, Map.of());
  }

  /**
   * Starts a broker with extra broker properties and returns once it serves clients.
   *
   * @param workDir directory for the broker's data and configuration; created if absent
   * @param port the client port on 127.0.0.1, or 0 to pick a free one
   * @param brokerOverrides broker properties that win over the defaults (for example {@code
   *     log.retention.ms}); overriding listeners or node identity is unsupported
   * @throws RuntimeException if formatting, configuration, startup or the readiness check fails
   *     ({@link IllegalStateException} for the latter); whatever was started is shut down first
   */
  public static EmbeddedKafkaBroker start(
      Path workDir, int port, Map<String, String> brokerOverrides) {
    long startNanos = System.nanoTime();
    Path dataDir = workDir.toAbsolutePath().resolve("kafka-data");
    int brokerPort = LoopbackPorts.resolve(port);
    int controllerPort = LoopbackPorts.freePort();
    Properties props = BrokerProperties.build(dataDir, brokerPort, controllerPort, brokerOverrides);
    Path propertiesFile = writeProperties(workDir.toAbsolutePath(), props);

    boolean reused = KafkaStorage.isFormatted(dataDir);
    ExitProcedureGuard.acquire();
    KafkaRaftServer server = null;
    try {
      if (!reused) {
        String clusterId = KafkaStorage.format(propertiesFile);
        LOG.debug("Formatted {} with cluster id {}", dataDir, clusterId);
      }
      server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      server.startup();
      String bootstrap = "127.0.0.1:" + brokerPort;
      awaitReady(bootstrap);
      LOG.info(
          "Embedded Kafka broker ready at {} in {} ms ({} data dir {})",
          bootstrap,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
          reused ? "reused" : "formatted",
          dataDir);
      return new EmbeddedKafkaBroker(server, dataDir, bootstrap);
    } catch (RuntimeException | Error e) {
      if (server != null) {
        shutdown(server);
      }
      ExitProcedureGuard.release();
      throw e;
    }
  }

  /** The {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:40123}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The client factory for this broker (it needs no client properties). */
  public KafkaClients clients() {
    return KafkaClients.of(bootstrapServers);
  }

  /** The broker's log directory (also the KRaft metadata directory). */
  public Path dataDir() {
    return dataDir;
  }

  /** Stops the broker and waits for its threads to finish. Idempotent; data stays on disk. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long startNanos = System.nanoTime();
    try {
      shutdown(server);
    } finally {
      ExitProcedureGuard.release();
    }
    LOG.info(
        "Embedded Kafka broker at {} stopped in {} ms",
        bootstrapServers,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
  }

  private static void shutdown(KafkaRaftServer server) {
    server.shutdown();
    server.awaitShutdown();
  }

  private static Path writeProperties(Path workDir, Properties props) {
    Path file = workDir.resolve("server.properties");
    try {
      Files.createDirectories(workDir);
      try (OutputStream out = Files.newOutputStream(file)) {
        props.store(out, "Written by EmbeddedKafkaBroker; regenerated on every start");
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void awaitReady(String bootstrap) {
    try (Admin admin = KafkaClients.of(bootstrap).admin()) {
      int timeoutMs = (int) READY_TIMEOUT.toMillis();
      int nodes =
          admin
              .describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
              .nodes()
              .get(timeoutMs, TimeUnit.MILLISECONDS)
              .size();
      if (nodes == 0) {
        throw new IllegalStateException(
            "embedded Kafka broker at " + bootstrap + " reports no nodes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the embedded Kafka broker", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "embedded Kafka broker at "
              + bootstrap
              + " did not answer describeCluster within "
              + READY_TIMEOUT.toSeconds()
              + " s",
          e);
    }
  }
}
