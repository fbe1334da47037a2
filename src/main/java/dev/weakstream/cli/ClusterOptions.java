package dev.weakstream.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
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

  /** The client properties file's settings, or none. */
  Map<String, String> clientOverrides() {
    Map<String, String> overrides = new LinkedHashMap<>();
    if (clientConfig == null) {
      return overrides;
    }
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(clientConfig)) {
      props.load(reader);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read --client-config " + clientConfig + ": " + e.getMessage(), e);
    }
    props.forEach((k, v) -> overrides.put(k.toString(), v.toString()));
    return overrides;
  }
}
