package dev.weakstream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code weakstream.jar}: dispatches to the subcommands. */
@Command(
    name = "weakstream",
    mixinStandardHelpOptions = true,
    version = "weakstream 0.1.0",
    description = "Streaming weak supervision on Apache Kafka.",
    subcommands = {
      RunCommand.class,
      ProduceCommand.class,
      DemoCommand.class,
      AnalyzeCommand.class,
      ImportCommand.class,
      EvalCommand.class,
      BenchCommand.class,
    })
public final class Weakstream implements Runnable {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, also used by tests. */
  public static CommandLine commandLine() {
    // The DJL tokenizer phones home unless offline mode is on before its classes load.
    System.setProperty("ai.djl.offline", "true");
    return new CommandLine(new Weakstream()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }
}
