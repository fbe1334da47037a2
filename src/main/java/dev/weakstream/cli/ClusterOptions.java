package dev.weakstream.cli;

import dev.weakstream.kafka.KafkaClients;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by commands that talk to Kafka: an external cluster, or the embedded broker. */
final class ClusterOptions {

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT,...",
      description =
          "Kafka cluster to use. Without it, a single-node KRaft broker is started in-process "
              + "(data under --work-dir, bound to 127.0.0.1).")
  String bootstrapServers;

  @Option(
      names = "--client-config",
      paramLabel = "FILE",
      description =
          "Kafka client properties (e.g. security.protocol, sasl.*, ssl.*) for an external cluster.")
  Path clientConfig;

  @Option(
      names = "--work-dir",
      paramLabel = "DIR",
      defaultValue = ".weakstream",
      description =
          "Local directory for the embedded broker's data and Kafka Streams state (default: ${DEFAULT-VALUE}).")
  Path workDir;

  @Option(
      names = "--broker-port",
      paramLabel = "PORT",
      defaultValue = "0",
      description =
          "Port of the embedded broker on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int brokerPort;

  /** The clients of {@code bootstrapServers} with the {@code --client-config} file's settings. */
  KafkaClients clients(String bootstrapServers) {
    return KafkaClients.withConfigFile(bootstrapServers, clientConfig);
  }
}
