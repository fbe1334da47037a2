package dev.weakstream.codec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Finds the first byte that is not part of valid UTF-8, where {@code new String(bytes, UTF_8)} (and
 * Avro's string decoding) would silently put U+FFFD. Overlong forms, encoded surrogates, code
 * points above U+10FFFF and truncated sequences all count as malformed (the JDK's strict decoder).
 *
 * <p>ASCII is checked by a plain loop; from the first non-ASCII byte on, a {@link CharsetDecoder}
 * set to {@link CodingErrorAction#REPORT} decodes into a small per-thread buffer that is reused, so
 * checking allocates nothing on the hot path. Thread-safe.
 */
public final class StrictUtf8 {

  private static final int CHUNK_CHARS = 4096;

  private static final class Decoding {
    final CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    final CharBuffer chars = CharBuffer.allocate(CHUNK_CHARS);
  }

  private static final ThreadLocal<Decoding> DECODING = ThreadLocal.withInitial(Decoding::new);

  private StrictUtf8() {}

  /**
   * The offset (into {@code bytes}) of the first malformed byte in {@code bytes[from, from +
   * length)}, or -1 when all of it is valid UTF-8.
   */
  public static int firstMalformed(byte[] bytes, int from, int length) {
    int end = from + length;
    int i = from;
    while (i < end && bytes[i] >= 0) {
      i++;
    }
    if (i == end) {
      return -1;
    }
    Decoding decoding = DECODING.get();
    CharsetDecoder decoder = decoding.decoder.reset();
    ByteBuffer in = ByteBuffer.wrap(bytes, i, end - i);
    CharBuffer out = decoding.chars;
    while (true) {
      out.clear();
      CoderResult result = decoder.decode(in, out, true);
      if (result.isError()) {
        return in.position();
      }
      if (result.isUnderflow()) {
        out.clear();
        return decoder.flush(out).isError() ? in.position() : -1;
      }
    }
  }

  /** The bytes at {@code offset}, up to 4, in hex ({@code 0xC3 0x28}), to show in a message. */
  public static String hexAround(byte[] bytes, int offset) {
    StringBuilder hex = new StringBuilder();
    for (int i = offset; i < Math.min(bytes.length, offset + 4); i++) {
      hex.append(hex.length() == 0 ? "" : " ").append(String.format("0x%02X", bytes[i] & 0xFF));
    }
    return hex.toString();
  }
}
