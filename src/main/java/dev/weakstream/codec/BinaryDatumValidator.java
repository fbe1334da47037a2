package dev.weakstream.codec;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Checks a binary-encoded Avro datum against its writer schema before Avro decodes it, so that no
 * declared length can make the decoder allocate more than the message holds.
 *
 * <p>Avro reads a string or bytes length, or an array or map block count, and allocates for it
 * before it reads the items: a 45-byte message whose string length says 2 GB makes it allocate 2 GB
 * and the stream thread die of {@link OutOfMemoryError}. This walks the datum as the schema
 * describes it and requires, for every declared length, that the bytes are there: a string or bytes
 * length at most the bytes left; an array or map block at most as many items as the bytes left can
 * hold at the item type's smallest encoding (at least one byte each); union branch and enum indices
 * within the schema; varints of at most 5 (int) or 10 (long) bytes; booleans 0 or 1; no bytes after
 * the datum. What Avro then allocates is bounded by the message size, which Kafka bounds ({@code
 * max.message.bytes}) — at any heap size.
 *
 * <p>Why not Avro's limits ({@code org.apache.avro.limits.string.maxLength}, {@code
 * bytes.maxLength}, {@code collectionItems.maxLength}): they are system properties, read once per
 * process and applied to every Avro decoder in it (registry records with model artifacts as well as
 * raw records), and a fixed cap does not relate to the message: a 45-byte message could still make
 * the decoder allocate the whole cap. A check against the bytes present is exact and local; it is
 * also what lets a dead letter say which field, at which offset, was wrong. Written by hand because
 * Avro has no validating pass over binary data; it follows the binary encoding of the Avro
 * specification (zig-zag varints, length-prefixed strings and bytes, blocked arrays and maps, union
 * branch indices).
 *
 * <p>Immutable and thread-safe.
 */
final class BinaryDatumValidator {

  /** Deeper nesting than this (possible only with recursive schemas) is refused. */
  static final int MAX_DEPTH = 64;

  private final Schema schema;

  /** The smallest encoding, in bytes, of each schema reachable from {@link #schema}. */
  private final Map<Schema, Integer> minimumBytes = new IdentityHashMap<>();

  BinaryDatumValidator(Schema schema) {
    this.schema = schema;
    minimumBytes(schema);
  }

  /**
   * Checks the datum in {@code bytes[from, bytes.length)}.
   *
   * @throws AvroDatumException for the first problem found, with its field path and byte offset
   */
  void check(byte[] bytes, int from) throws AvroDatumException {
    Walk walk = new Walk(bytes, from);
    walk.value(schema, 0);
    if (walk.pos != bytes.length) {
      throw walk.problem(
          AvroDatumException.Kind.TRAILING_BYTES,
          walk.pos,
          (bytes.length - walk.pos) + " bytes after the end of the datum");
    }
  }

  /** One pass over one datum; not thread-safe. */
  private final class Walk {
    private final byte[] bytes;
    private int pos;

    Walk(byte[] bytes, int from) {
      this.bytes = bytes;
      this.pos = from;
    }

    int left() {
      return bytes.length - pos;
    }

    void value(Schema s, int depth) throws AvroDatumException {
      if (depth > MAX_DEPTH) {
        throw problem(
            AvroDatumException.Kind.MALFORMED, pos, "nested deeper than " + MAX_DEPTH + " levels");
      }
      switch (s.getType()) {
        case NULL -> {}
        case BOOLEAN -> {
          need(1, "a boolean");
          if ((bytes[pos] & 0xFF) > 1) {
            throw problem(
                AvroDatumException.Kind.MALFORMED,
                pos,
                "boolean byte is " + (bytes[pos] & 0xFF) + ", not 0 or 1");
          }
          pos++;
        }
        case INT -> readInt("an int");
        case LONG -> readLong("a long");
        case FLOAT -> skip(4, "a float");
        case DOUBLE -> skip(8, "a double");
        case FIXED -> skip(s.getFixedSize(), "a fixed of " + s.getFixedSize() + " bytes");
        case ENUM -> index(s.getEnumSymbols().size(), "enum symbol");
        case STRING -> string();
        case BYTES -> lengthPrefixed("bytes");
        case UNION -> {
          List<Schema> branches = s.getTypes();
          value(branches.get(index(branches.size(), "union branch")), depth + 1);
        }
        case RECORD -> {
          for (Schema.Field field : s.getFields()) {
            try {
              value(field.schema(), depth + 1);
            } catch (AvroDatumException e) {
              throw e.within(field.name());
            }
          }
        }
        case ARRAY -> blocks(s.getElementType(), false, depth);
        case MAP -> blocks(s.getValueType(), true, depth);
      }
    }

    /** The items of an array, or the entries of a map, in blocks of a count and the items. */
    private void blocks(Schema item, boolean map, int depth) throws AvroDatumException {
      String what = map ? "map" : "array";
      int itemBytes = map ? 1 + minimumBytes.get(item) : minimumBytes.get(item);
      int arrayStart = pos;
      long items = 0;
      while (true) {
        int countAt = pos;
        long count = readLong(what + " block count");
        if (count == 0) {
          return;
        }
        if (count < 0) {
          if (count == Long.MIN_VALUE) {
            throw problem(
                AvroDatumException.Kind.MALFORMED, countAt, what + " block count out of range");
          }
          count = -count;
          int sizeAt = pos;
          long size = readLong(what + " block size");
          if (size < 0 || size > left()) {
            throw problem(
                AvroDatumException.Kind.MALFORMED,
                sizeAt,
                "declared "
                    + what
                    + " block size of "
                    + size
                    + " bytes exceeds the "
                    + left()
                    + " bytes left");
          }
        }
        // Items of at least one byte: no more than the bytes left. Items that take no bytes (an
        // array of nulls): no more in the whole array than the message has bytes.
        long limit = itemBytes > 0 ? left() / itemBytes : bytes.length - arrayStart - items;
        if (count > limit) {
          throw problem(
              AvroDatumException.Kind.MALFORMED,
              countAt,
              "declared "
                  + what
                  + " block of "
                  + count
                  + " items exceeds the "
                  + left()
                  + " bytes left"
                  + (itemBytes > 1 ? " (each item takes at least " + itemBytes + " bytes)" : ""));
        }
        for (long i = 0; i < count; i++) {
          try {
            if (map) {
              string();
            }
            value(item, depth + 1);
          } catch (AvroDatumException e) {
            throw e.withinItem(items + i);
          }
        }
        items += count;
      }
    }

    private void string() throws AvroDatumException {
      int start = pos;
      int length = lengthPrefixed("string");
      int bad = StrictUtf8.firstMalformed(bytes, pos - length, length);
      if (bad >= 0) {
        throw problem(
            AvroDatumException.Kind.INVALID_UTF8,
            bad,
            "string (length "
                + length
                + " at byte offset "
                + start
                + ") is not valid UTF-8: malformed bytes "
                + StrictUtf8.hexAround(bytes, bad));
      }
    }

    /** Reads a length and skips that many bytes; returns the length. */
    private int lengthPrefixed(String what) throws AvroDatumException {
      int at = pos;
      long length = readLong(what + " length");
      if (length < 0) {
        throw problem(
            AvroDatumException.Kind.MALFORMED, at, "negative " + what + " length " + length);
      }
      if (length > left()) {
        throw problem(
            AvroDatumException.Kind.MALFORMED,
            at,
            "declared "
                + what
                + " length "
                + length
                + " exceeds the "
                + left()
                + " bytes left in the message");
      }
      pos += (int) length;
      return (int) length;
    }

    /** Reads a union branch or enum symbol index and checks it is below {@code size}. */
    private int index(int size, String what) throws AvroDatumException {
      int at = pos;
      long index = readInt(what + " index");
      if (index < 0 || index >= size) {
        throw problem(
            AvroDatumException.Kind.MALFORMED,
            at,
            what + " index " + index + " is outside [0, " + size + ")");
      }
      return (int) index;
    }

    private void skip(int n, String what) throws AvroDatumException {
      need(n, what);
      pos += n;
    }

    private void need(int n, String what) throws AvroDatumException {
      if (n > left()) {
        throw problem(
            AvroDatumException.Kind.MALFORMED,
            pos,
            "message ends inside " + what + " (" + n + " bytes needed, " + left() + " left)");
      }
    }

    private int readInt(String what) throws AvroDatumException {
      int at = pos;
      long raw = varint(5, what);
      if (raw >>> 32 != 0) {
        throw problem(AvroDatumException.Kind.MALFORMED, at, what + " does not fit an int");
      }
      return (int) (raw >>> 1) ^ -(int) (raw & 1);
    }

    private long readLong(String what) throws AvroDatumException {
      long raw = varint(10, what);
      return (raw >>> 1) ^ -(raw & 1);
    }

    /**
     * The unsigned value of a varint of at most {@code maxBytes} bytes, before zig-zag decoding.
     */
    private long varint(int maxBytes, String what) throws AvroDatumException {
      int at = pos;
      long value = 0;
      for (int i = 0; i < maxBytes; i++) {
        if (pos >= bytes.length) {
          throw problem(AvroDatumException.Kind.MALFORMED, at, "message ends inside " + what);
        }
        int b = bytes[pos++] & 0xFF;
        if (i == 9 && b > 1) {
          break; // a tenth byte may only hold the top bit of a long
        }
        value |= (long) (b & 0x7F) << (7 * i);
        if ((b & 0x80) == 0) {
          return value;
        }
      }
      throw problem(
          AvroDatumException.Kind.MALFORMED,
          at,
          what + " is a varint longer than " + maxBytes + " bytes");
    }

    AvroDatumException problem(AvroDatumException.Kind kind, long offset, String problem) {
      return new AvroDatumException(kind, "", offset, bytes.length, problem);
    }
  }

  /**
   * The fewest bytes a value of {@code s} encodes to; a record being computed counts 0 where it
   * refers to itself (a recursive schema), which only lowers the bound.
   */
  private int minimumBytes(Schema s) {
    Integer known = minimumBytes.get(s);
    if (known != null) {
      return known;
    }
    minimumBytes.put(s, 0);
    int n =
        switch (s.getType()) {
          case NULL -> 0;
          case BOOLEAN, INT, LONG, ENUM, STRING, BYTES -> 1;
          case FLOAT -> 4;
          case DOUBLE -> 8;
          case FIXED -> s.getFixedSize();
          case ARRAY -> {
            minimumBytes(s.getElementType());
            yield 1;
          }
          case MAP -> {
            minimumBytes(s.getValueType());
            yield 1;
          }
          case UNION -> {
            int fewest = Integer.MAX_VALUE;
            for (Schema branch : s.getTypes()) {
              fewest = Math.min(fewest, minimumBytes(branch));
            }
            yield 1 + fewest;
          }
          case RECORD -> {
            long sum = 0;
            for (Schema.Field field : s.getFields()) {
              sum += minimumBytes(field.schema());
            }
            yield (int) Math.min(sum, Integer.MAX_VALUE);
          }
        };
    minimumBytes.put(s, n);
    return n;
  }
}
