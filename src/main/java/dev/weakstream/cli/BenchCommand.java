package dev.weakstream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code weakstream bench}: groups the benchmarks. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks, reported as ratios against a baseline measured in the same run.",
    subcommands = {
      BenchPipelineCommand.class,
      BenchLfsCommand.class,
      BenchLabelModelCommand.class,
      BenchTeacherCommand.class,
      BenchHotswapCommand.class
    })
final class BenchCommand implements Runnable {
  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }
}
