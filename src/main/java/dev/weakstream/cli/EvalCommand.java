package dev.weakstream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code weakstream eval}: groups the evaluation commands. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Evaluate label models on benchmark data.",
    subcommands = {EvalWrenchCommand.class})
final class EvalCommand implements Runnable {
  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }
}
