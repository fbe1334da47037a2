package dev.weakstream.stream;

import dev.weakstream.avro.RawRecord;
import dev.weakstream.codec.SingleObjectCodec;
import dev.weakstream.student.StudentScore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A record waiting in {@link QueryTeacher}'s batch for the teacher, and its value in the
 * changelogged pending store (key: {@code sequence}), so a crash with a partly filled batch loses
 * nothing.
 *
 * <p>Hand-written: a private store format of a few fixed fields around an Avro raw record and a
 * {@link VoteRowBytes} row. Versioned ({@link StoreFormats}): version 1, written now, is {@code 'p'
 * (0x70), 0x01}, then the body; version 0, written by the first release, is the body alone. The
 * body, the same in both: {@code long enqueuedAt, long timestamp, int source partition (-1 = none),
 * long source offset (-1 = none), int key length + UTF-8 key, int length + raw record
 * (single-object Avro), int length + vote row (VoteRowBytes, any version)}, then — only when a
 * student scored the record — {@code int length + UTF-8 student name, int length + UTF-8 version,
 * int k, k doubles}. A version-0 value never starts with {@code 'p'}: it starts with the top byte
 * of {@code enqueuedAt}, a wall-clock time in epoch milliseconds, which is 0x00 for the next two
 * million years.
 *
 * @param enqueuedAt wall-clock time the record joined the batch
 * @param timestamp the record's stream timestamp, forwarded with it
 */
record PendingTeacherRecord(
    long sequence, String key, VotedRecord record, long enqueuedAt, long timestamp) {

  static final byte MAGIC = 0x70; // 'p'

  /** The version this class writes. */
  static final int VERSION = 1;

  private static final String FORMAT = "pending teacher record";

  private static final SingleObjectCodec<RawRecord> RAW = SingleObjectCodec.of(new RawRecord());

  /** The store value (the key is {@link #sequence}). */
  byte[] encode() {
    byte[] raw = RAW.encode(record.raw());
    byte[] row = VoteRowBytes.encode(record.row(), null);
    byte[] keyBytes = key == null ? new byte[0] : key.getBytes(StandardCharsets.UTF_8);
    byte[] score = encode(record.student());
    return ByteBuffer.allocate(2 + 40 + keyBytes.length + raw.length + row.length + score.length)
        .put(MAGIC)
        .put((byte) VERSION)
        .putLong(enqueuedAt)
        .putLong(timestamp)
        .putInt(record.sourcePartition() == null ? -1 : record.sourcePartition())
        .putLong(record.sourceOffset() == null ? -1 : record.sourceOffset())
        .putInt(keyBytes.length)
        .put(keyBytes)
        .putInt(raw.length)
        .put(raw)
        .putInt(row.length)
        .put(row)
        .put(score)
        .array();
  }

  /** The active student's score, after the row (absent for a record no student scored). */
  private static byte[] encode(StudentScore score) {
    if (score == null) {
      return new byte[0];
    }
    byte[] name = score.name().getBytes(StandardCharsets.UTF_8);
    byte[] version = score.version().getBytes(StandardCharsets.UTF_8);
    ByteBuffer buffer =
        ByteBuffer.allocate(12 + name.length + version.length + 8 * score.probabilities().length)
            .putInt(name.length)
            .put(name)
            .putInt(version.length)
            .put(version)
            .putInt(score.probabilities().length);
    for (double p : score.probabilities()) {
      buffer.putDouble(p);
    }
    return buffer.array();
  }

  /**
   * Decodes a store value of any version.
   *
   * @param store the pending store, named by errors
   * @throws IllegalStateException for a version newer than {@link #VERSION}
   * @throws UncheckedIOException when the raw record inside cannot be read
   */
  static PendingTeacherRecord decode(long sequence, byte[] bytes, String store) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    if (bytes[0] == MAGIC) {
      buffer.get();
      int version = buffer.get() & 0xFF;
      if (version != VERSION) {
        throw StoreFormats.unknownVersion(store, FORMAT, version, VERSION);
      }
    } // else version 0: the body without a prefix
    return body(sequence, buffer, store);
  }

  /** The body, versions 0 and 1. */
  private static PendingTeacherRecord body(long sequence, ByteBuffer buffer, String store) {
    long enqueuedAt = buffer.getLong();
    long timestamp = buffer.getLong();
    int partition = buffer.getInt();
    long offset = buffer.getLong();
    byte[] key = new byte[buffer.getInt()];
    buffer.get(key);
    byte[] raw = new byte[buffer.getInt()];
    buffer.get(raw);
    byte[] row = new byte[buffer.getInt()];
    buffer.get(row);
    StudentScore score = decodeScore(buffer);
    try {
      RawRecord record = RAW.decode(raw);
      return new PendingTeacherRecord(
          sequence,
          new String(key, StandardCharsets.UTF_8),
          new VotedRecord(
              record,
              VoteRowBytes.decode(row, 0, store).row(),
              partition < 0 ? null : partition,
              offset < 0 ? null : offset,
              score,
              null),
          enqueuedAt,
          timestamp);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "corrupt pending teacher record " + sequence + " in state store '" + store + "'", e);
    }
  }

  private static StudentScore decodeScore(ByteBuffer buffer) {
    if (!buffer.hasRemaining()) {
      return null;
    }
    byte[] name = new byte[buffer.getInt()];
    buffer.get(name);
    byte[] version = new byte[buffer.getInt()];
    buffer.get(version);
    double[] probabilities = new double[buffer.getInt()];
    for (int k = 0; k < probabilities.length; k++) {
      probabilities[k] = buffer.getDouble();
    }
    return StudentScore.of(
        new String(name, StandardCharsets.UTF_8),
        new String(version, StandardCharsets.UTF_8),
        probabilities);
  }
}
