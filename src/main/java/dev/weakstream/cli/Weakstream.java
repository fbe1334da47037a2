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
      ModelsCommand.class,
      TrainCommand.class,
    })
public final class Weakstream implements Runnable {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, also used by tests. */
  public static CommandLine commandLine() {
    // The DJL tokenizer phones home unless offline mode is on before its classes load.
    System.setProperty("ai.djl.offline", "true");
    return new CommandLine(new Weakstream())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(
            (error, command, parsed) -> {
              // Errors users can fix (a broken pipeline file, a missing switch) read best as one
              // line.
              command.getErr().println("weakstream: " + error.getMessage());
              if (System.getenv("WEAKSTREAM_DEBUG") != null) {
                error.printStackTrace(command.getErr());
              } else {
                command.getErr().println("(set WEAKSTREAM_DEBUG=1 for the stack trace)");
              }
              return 1;
            });
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }
}
