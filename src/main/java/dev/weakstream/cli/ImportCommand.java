package dev.weakstream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code weakstream import}: groups the importers of benchmark data. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Import benchmark datasets into Kafka as raw records.",
    subcommands = {ImportWrenchCommand.class})
final class ImportCommand implements Runnable {
  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }
}
