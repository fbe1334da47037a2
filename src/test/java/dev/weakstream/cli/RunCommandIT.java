package dev.weakstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code weakstream run} closes what it opened when it fails to start: here the student loop cannot
 * create its shard store (a file stands where the directory goes) after the embedded broker, the
 * metrics server and the pipeline's streams are up.
 */
@Tag("integration")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RunCommandIT {

  @TempDir Path dir;

  @Test
  void aFailingStudentLoopStartLeavesNoBrokerServerOrStreamsRunning() throws Exception {
    Path pipeline = pipelineWithShardsAndStudent();
    Path work = dir.resolve("work");
    Files.createDirectories(work);
    Files.writeString(work.resolve("shards"), "a file where the shard store's directory goes");
    int brokerPort = freePort();
    int metricsPort = freePort();
    String appId = "run-command-it";

    CommandLineRun run =
        CommandLineRun.of(
            "run",
            pipeline.toString(),
            "--work-dir",
            work.toString(),
            "--broker-port",
            String.valueOf(brokerPort),
            "--metrics-port",
            String.valueOf(metricsPort),
            "--application-id",
            appId);

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.err()).contains("shards");
    assertThat(bindable(brokerPort)).as("the embedded broker's port is free again").isTrue();
    assertThat(bindable(metricsPort)).as("the metrics server's port is free again").isTrue();
    assertThat(work.resolve(KafkaCluster.ADDRESS_FILE))
        .as("the broker's address file is gone")
        .doesNotExist();
    assertThat(Thread.getAllStackTraces().keySet())
        .filteredOn(Thread::isAlive)
        .extracting(Thread::getName)
        .as("no stream thread of the application is left")
        .noneMatch(name -> name.startsWith(appId));
  }

  /** The test pipeline (no teacher) with a shards and a student section. */
  private Path pipelineWithShardsAndStudent() throws IOException {
    Path resources = Path.of("src/test/resources/pipelines");
    Path lexicons = Files.createDirectories(dir.resolve("lexicons"));
    Files.copy(resources.resolve("lexicons/music.txt"), lexicons.resolve("music.txt"));
    Path yaml = dir.resolve("loop.yaml");
    Files.writeString(
        yaml,
        Files.readString(resources.resolve("valid.yaml"))
                .replace("name: test-pipeline", "name: run-command-it")
            + "shards: {seal_records: 10}\nstudent: {features: hashed}\n");
    return yaml;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort() == port;
    } catch (IOException e) {
      return false;
    }
  }
}
