package dev.weakstream.kafka;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

/**
 * Formats a KRaft log directory with Kafka's own {@code kafka-storage format}, unless it already is
 * formatted, in which case it is reused so topics and data survive a restart.
 *
 * <p>Stateless and thread-safe, but two brokers must never share one directory.
 */
final class KafkaStorage {

  /** Written by {@code kafka-storage format}; its presence means the directory is formatted. */
  static final String META_PROPERTIES = "meta.properties";

  private KafkaStorage() {}

  /** Whether {@code dataDir} already holds a formatted KRaft log directory. */
  static boolean isFormatted(Path dataDir) {
    return Files.isRegularFile(dataDir.resolve(META_PROPERTIES));
  }

  /**
   * Formats the log directories named in {@code propertiesFile} with a fresh random cluster id.
   *
   * @return the cluster id written
   * @throws IllegalStateException with the tool's output if formatting fails
   */
  static String format(Path propertiesFile) {
    String clusterId = Uuid.randomUuid().toString();
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    int status;
    try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      status =
          StorageTool.execute(
              new String[] {"format", "-t", clusterId, "-c", propertiesFile.toString()}, out);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "kafka-storage format failed for "
              + propertiesFile
              + ": "
              + buffer.toString(StandardCharsets.UTF_8),
          e);
    }
    if (status != 0) {
      throw new IllegalStateException(
          "kafka-storage format exited with "
              + status
              + " for "
              + propertiesFile
              + ": "
              + buffer.toString(StandardCharsets.UTF_8));
    }
    return clusterId;
  }
}
