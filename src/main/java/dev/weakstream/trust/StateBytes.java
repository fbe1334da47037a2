package dev.weakstream.trust;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The shared frame of every trust state's byte form: a 4-byte magic naming the kind of state, a
 * format-version byte, then the body; and the version string derived from those bytes. A
 * hand-written frame (not Java serialization) so the form is small, stable across JDKs, readable
 * from any language and fits an Avro {@code bytes} field. Stateless.
 */
final class StateBytes {

  /** Writes one state's body. */
  @FunctionalInterface
  interface Body {
    void write(DataOutputStream out) throws IOException;
  }

  /** Reads one state's body. */
  @FunctionalInterface
  interface Reader<T> {
    T read(DataInputStream in) throws IOException;
  }

  private StateBytes() {}

  static byte[] write(int magic, byte formatVersion, Body body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(magic);
      out.writeByte(formatVersion);
      body.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen on a byte array", e);
    }
    return bytes.toByteArray();
  }

  static <T> T read(byte[] bytes, int magic, byte formatVersion, String what, Reader<T> reader) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (bytes.length < 5 || in.readInt() != magic) {
        throw new IllegalArgumentException("not a " + what + " (bad magic)");
      }
      byte version = in.readByte();
      if (version != formatVersion) {
        throw new IllegalArgumentException(
            what
                + " format version "
                + version
                + " is not supported (expected "
                + formatVersion
                + ")");
      }
      T value = reader.read(in);
      if (in.available() != 0) {
        throw new IllegalArgumentException(what + " has " + in.available() + " trailing bytes");
      }
      return value;
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated " + what, e);
    }
  }

  /** {@code prefix-<first 6 bytes of SHA-256(bytes) in hex>}. */
  static String version(String prefix, byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return prefix + "-" + HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  static void checkCount(int n, int max, String what) {
    if (n < 0 || n > max) {
      throw new IllegalArgumentException(what + " " + n + " is outside [0, " + max + "]");
    }
  }
}
