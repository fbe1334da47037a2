package dev.weakstream.pipeline;

import java.nio.file.Path;

/**
 * A pipeline definition file that cannot be used. The message names the file, the line and column
 * (when known), the field path (e.g. {@code labeling_functions[3].pattern}), what is wrong, and how
 * to fix it, in the form {@code FILE:LINE:COLUMN: FIELD: PROBLEM. Fix: FIX}.
 *
 * <p>Unchecked: a bad definition stops the application at startup, where the message is shown.
 */
public final class PipelineDefinitionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final Path file;
  private final int line;
  private final String field;

  /**
   * @param line 1-based line, or 0 when unknown
   * @param field dotted field path, or empty for the whole file
   */
  public PipelineDefinitionException(
      Path file, int line, int column, String field, String problem, String fix, Throwable cause) {
    super(format(file, line, column, field, problem, fix), cause);
    this.file = file;
    this.line = line;
    this.field = field;
  }

  public Path file() {
    return file;
  }

  /** The 1-based line the problem is on, or 0 when unknown. */
  public int line() {
    return line;
  }

  /** The field path, e.g. {@code labeling_functions[3].pattern}; empty for the whole file. */
  public String field() {
    return field;
  }

  private static String format(
      Path file, int line, int column, String field, String problem, String fix) {
    StringBuilder message = new StringBuilder().append(file);
    if (line > 0) {
      message.append(':').append(line);
      if (column > 0) {
        message.append(':').append(column);
      }
    }
    message.append(": ");
    if (!field.isEmpty()) {
      message.append(field).append(": ");
    }
    message.append(problem);
    if (fix != null && !fix.isEmpty()) {
      message
          .append(problem.endsWith("?") || problem.endsWith(".") ? " " : ". ")
          .append("Fix: ")
          .append(fix);
    }
    return message.toString();
  }
}
