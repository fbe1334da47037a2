package dev.weakstream.codec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a JVM with this test JVM's classpath and a heap limit of its own, e.g. to show that a
 * decoder survives hostile input at {@code -Xmx256m}. Its output goes to a file the caller reads.
 */
public final class ChildJvm {

  private ChildJvm() {}

  /**
   * @param jvmOptions e.g. {@code List.of("-Xmx256m")}
   * @param output file for the child's standard output and error
   */
  public static Process start(
      List<String> jvmOptions, Path output, Class<?> mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-Dai.djl.offline=true");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(output.toFile());
    builder.environment().put("OPT_OUT_TRACKING", "true");
    return builder.start();
  }
}
