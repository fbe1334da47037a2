package dev.weakstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code weakstream run}'s options are checked when the command line is parsed. */
class RunCommandOptionsTest {

  @Test
  void anUnknownProcessingGuaranteeFailsTheParseWithTheAcceptedValues() {
    CommandLineRun run =
        CommandLineRun.of(
            "run", "--processing-guarantee", "exactly_once", "topology/youtube-spam.yaml");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "Invalid value for option '--processing-guarantee': unknown value 'exactly_once';"
                + " expected one of exactly_once_v2, at_least_once");
  }
}
