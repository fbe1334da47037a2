package dev.weakstream.kafka;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The configuration of the embedded single-node KRaft broker: one process that is both broker and
 * controller, loopback listeners, replication factor 1 everywhere, transactions enabled, 16 MiB
 * messages, and small laptop-friendly segments, buffers and thread pools.
 *
 * <p>Stateless and thread-safe; every call returns a fresh {@link Properties}.
 */
final class BrokerProperties {

  /** Largest record batch the broker accepts: model artifacts travel through Kafka. */
  static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

  static final int NODE_ID = 1;
  static final String BROKER_LISTENER = "PLAINTEXT";
  static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final String HOST = "127.0.0.1";

  private BrokerProperties() {}

  /**
   * Builds the broker configuration.
   *
   * @param dataDir the single log directory, also holding the KRaft metadata log
   * @param brokerPort the client-facing PLAINTEXT port (must be concrete, not 0)
   * @param controllerPort the KRaft controller port (must be concrete, not 0)
   * @param overrides extra broker properties; they win over the defaults here
   */
  static Properties build(
      Path dataDir, int brokerPort, int controllerPort, Map<String, String> overrides) {
    Properties p = new Properties();
    // Identity and KRaft quorum: a single static voter, so no dynamic-quorum formatting is needed.
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    p.put("controller.listener.names", CONTROLLER_LISTENER);
    p.put("inter.broker.listener.name", BROKER_LISTENER);
    p.put(
        "listeners",
        BROKER_LISTENER
            + "://"
            + HOST
            + ":"
            + brokerPort
            + ","
            + CONTROLLER_LISTENER
            + "://"
            + HOST
            + ":"
            + controllerPort);
    p.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort);
    p.put(
        "listener.security.protocol.map",
        BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    p.put("log.dirs", dataDir.toString());
    p.put("metadata.log.dir", dataDir.toString());

    // One node: every internal topic has replication factor 1 and few partitions.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("share.coordinator.state.topic.num.partitions", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("num.partitions", "1");

    // Application behaviour: explicit topics only, no rebalance delay in tests.
    p.put("auto.create.topics.enable", "false");
    p.put("group.initial.rebalance.delay.ms", "0");

    // Large messages (model artifacts). Clients also need max.request.size / fetch sizes raised.
    p.put("message.max.bytes", Integer.toString(MAX_MESSAGE_BYTES));
    p.put("replica.fetch.max.bytes", Integer.toString(MAX_MESSAGE_BYTES));

    // Laptop-friendly storage and threads; flushing is left to the OS page cache (Kafka's default).
    p.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
    p.put("offsets.topic.segment.bytes", Integer.toString(16 * 1024 * 1024));
    p.put("transaction.state.log.segment.bytes", Integer.toString(16 * 1024 * 1024));
    p.put("log.retention.check.interval.ms", "60000");
    p.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
    p.put("log.cleaner.threads", "1");
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "4");
    p.put("num.recovery.threads.per.data.dir", "1");
    p.put("background.threads", "4");

    p.putAll(overrides);
    return p;
  }
}
