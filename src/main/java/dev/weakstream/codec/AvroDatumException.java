package dev.weakstream.codec;

import java.io.IOException;

/**
 * A binary Avro datum that does not fit its schema, with where and why: the field path (e.g. {@code
 * external_votes[0].probabilities}), the byte offset in the message, and the problem.
 *
 * <p>Thrown by {@link BinaryDatumValidator} before Avro decodes (and allocates) anything, so its
 * message is what a dead letter tells the producer.
 */
public final class AvroDatumException extends IOException {

  private static final long serialVersionUID = 1L;

  /** What is wrong with the datum. */
  public enum Kind {
    /** A length, count, index or number that the bytes cannot hold or the schema does not allow. */
    MALFORMED,
    /** A string that is not valid UTF-8. */
    INVALID_UTF8,
    /** Bytes left over after the datum ends. */
    TRAILING_BYTES
  }

  private final Kind kind;
  private final String field;
  private final long offset;
  private final int messageLength;
  private final String problem;

  AvroDatumException(Kind kind, String field, long offset, int messageLength, String problem) {
    super(describe(field, offset, messageLength, problem));
    this.kind = kind;
    this.field = field;
    this.offset = offset;
    this.messageLength = messageLength;
    this.problem = problem;
  }

  public Kind kind() {
    return kind;
  }

  /** The path of the field the problem is in, or empty for the datum as a whole. */
  public String field() {
    return field;
  }

  /** Byte offset of the problem in the message (header included). */
  public long offset() {
    return offset;
  }

  public String problem() {
    return problem;
  }

  /** This problem, found inside field {@code name} of a record. */
  AvroDatumException within(String name) {
    String path =
        field.isEmpty() ? name : field.startsWith("[") ? name + field : name + "." + field;
    return new AvroDatumException(kind, path, offset, messageLength, problem);
  }

  /** This problem, found inside item {@code index} of an array or map. */
  AvroDatumException withinItem(long index) {
    String path = "[" + index + "]" + (field.isEmpty() || field.startsWith("[") ? "" : ".") + field;
    return new AvroDatumException(kind, path, offset, messageLength, problem);
  }

  private static String describe(String field, long offset, int messageLength, String problem) {
    return (field.isEmpty() ? "" : "field '" + field + "' ")
        + "at byte offset "
        + offset
        + " of "
        + messageLength
        + ": "
        + problem;
  }
}
