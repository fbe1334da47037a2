package dev.weakstream.stream;

import dev.weakstream.core.VoteRow;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A compact binary form of one vote row and its optional gold label, for the statistics processor's
 * write-ahead log and the teacher's pending records, optionally after a long sequence number (the
 * statistics log's). Hand-written because it is a private, fixed, four-field log format in a hot
 * path.
 *
 * <p>Versioned ({@link StoreFormats}): version 1, written now, is {@code 'v' (0x76), 0x01}, then
 * the body; version 0, written by the first release, is the body alone. The body, the same in both:
 * {@code int gold (-1 = none), UTF-8 tie key (short length + bytes), int n, then per source: int
 * vote, byte hasSoft, [int k, k doubles]}. A version-0 row never starts with {@code 'v'}: it starts
 * with the gold label's top byte, 0x00 for a class id (gold labels outside [0, classes) are
 * dead-lettered before they are logged, and no pipeline has 2^24 classes) or 0xFF for -1.
 */
final class VoteRowBytes {

  static final byte MAGIC = 0x76; // 'v'

  /** The version this class writes. */
  static final int VERSION = 1;

  private static final String FORMAT = "vote row";

  private VoteRowBytes() {}

  static byte[] encode(VoteRow row, Integer gold) {
    return encode(row, gold, -1, 0);
  }

  /**
   * The row after its 8-byte sequence number; {@link #decode(byte[], int, String)} it at offset 8.
   */
  static byte[] encode(VoteRow row, Integer gold, long sequence) {
    return encode(row, gold, sequence, Long.BYTES);
  }

  private static byte[] encode(VoteRow row, Integer gold, long sequence, int header) {
    byte[] key = row.tieKey().getBytes(StandardCharsets.UTF_8);
    int size = header + 2 + 10 + key.length;
    for (int j = 0; j < row.size(); j++) {
      double[] soft = row.softVote(j);
      size += 5 + (soft == null ? 0 : 4 + 8 * soft.length);
    }
    ByteBuffer buffer = ByteBuffer.allocate(size);
    if (header > 0) {
      buffer.putLong(sequence);
    }
    buffer
        .put(MAGIC)
        .put((byte) VERSION)
        .putInt(gold == null ? -1 : gold)
        .putShort((short) key.length)
        .put(key)
        .putInt(row.size());
    for (int j = 0; j < row.size(); j++) {
      buffer.putInt(row.votes()[j]);
      double[] soft = row.softVote(j);
      buffer.put((byte) (soft == null ? 0 : 1));
      if (soft != null) {
        buffer.putInt(soft.length);
        for (double p : soft) {
          buffer.putDouble(p);
        }
      }
    }
    return buffer.array();
  }

  /** A decoded log entry. */
  record Entry(VoteRow row, Integer gold) {}

  /**
   * Decodes the row (any version) starting at {@code offset}.
   *
   * @param store the state store it was read from, named by the error for an unknown version
   * @throws IllegalStateException for a version newer than {@link #VERSION}
   */
  static Entry decode(byte[] bytes, int offset, String store) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
    if (bytes[offset] == MAGIC) {
      buffer.get();
      int version = buffer.get() & 0xFF;
      if (version != VERSION) {
        throw StoreFormats.unknownVersion(store, FORMAT, version, VERSION);
      }
    } // else version 0: the body without a prefix
    return body(buffer);
  }

  /** The body, versions 0 and 1. */
  private static Entry body(ByteBuffer buffer) {
    int gold = buffer.getInt();
    byte[] key = new byte[buffer.getShort() & 0xFFFF];
    buffer.get(key);
    String tieKey = new String(key, StandardCharsets.UTF_8);
    int n = buffer.getInt();
    int[] votes = new int[n];
    double[][] soft = null;
    for (int j = 0; j < n; j++) {
      votes[j] = buffer.getInt();
      if (buffer.get() == 1) {
        double[] p = new double[buffer.getInt()];
        for (int k = 0; k < p.length; k++) {
          p[k] = buffer.getDouble();
        }
        soft = soft == null ? new double[n][] : soft;
        soft[j] = p;
      }
    }
    return new Entry(new VoteRow(votes, soft, tieKey), gold < 0 ? null : gold);
  }
}
