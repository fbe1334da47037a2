package dev.weakstream.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * One run of the real {@code weakstream} command line in this JVM, with what it printed: standard
 * output, and standard error together with picocli's error writer.
 */
record CommandLineRun(int exitCode, String out, String err) {

  static CommandLineRun of(String... args) {
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(errStream);
    try {
      CommandLine commandLine = Weakstream.commandLine();
      commandLine.setErr(new PrintWriter(errStream, true));
      int code = commandLine.execute(args);
      return new CommandLineRun(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }
}
