package dev.weakstream.codec;

import dev.weakstream.avro.DeadLetter;
import dev.weakstream.avro.RawRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.SchemaNormalization;

/**
 * Hostile Avro single-object messages, written byte by byte: small messages whose declared lengths
 * (string, bytes, array and map block counts) claim far more than the message holds. A decoder that
 * allocates what a length claims before reading runs out of heap on them.
 *
 * <p>{@link #main} decodes each one with the production {@link RawRecordDecoder} (the DeadLetter
 * one with {@link SingleObjectCodec}) and prints {@code name<TAB>outcome<TAB>message} per message;
 * tests run it in a JVM with a small heap (see {@code PoisonMessageSmallHeapTest}).
 */
public final class PoisonMessages {

  /** A length or count of about 2 GB / 2^31 items. */
  static final long HUGE = 2_000_000_000L;

  private PoisonMessages() {}

  /** Every poison message by name, RawRecord ones first. */
  public static Map<String, byte[]> rawRecords() {
    Map<String, byte[]> messages = new LinkedHashMap<>();
    messages.put("text-length", textLength());
    messages.put("id-length", withDatum(datum(b -> b.varint(HUGE).raw("poison"))));
    messages.put(
        "attributes-map-count",
        withDatum(datum(b -> prefix(b).nullUnion().varint(HUGE).string("AUTHOR").string("x"))));
    messages.put(
        "attributes-map-negative-count",
        withDatum(
            datum(b -> prefix(b).nullUnion().varint(-HUGE).varint(4).string("k").string("v"))));
    messages.put(
        "external-votes-array-count",
        withDatum(
            datum(
                b ->
                    prefix(b)
                        .nullUnion()
                        .varint(0) // no attributes
                        .varint(0) // gold label: null
                        .varint(1) // external votes: the array branch
                        .varint(HUGE)
                        .string("src"))));
    messages.put(
        "probabilities-array-count",
        withDatum(
            datum(
                b ->
                    prefix(b)
                        .nullUnion()
                        .varint(0)
                        .varint(0)
                        .varint(1)
                        .varint(1) // one external vote
                        .string("src")
                        .varint(1) // label 1
                        .varint(1) // probabilities: the array branch
                        .varint(HUGE)
                        .raw("12345678"))));
    return messages;
  }

  /**
   * The 45-byte message of the hardening issue: a RawRecord whose text length field claims about 2
   * GB.
   */
  public static byte[] textLength() {
    byte[] message =
        withDatum(
            datum(
                b ->
                    b.string("poison")
                        .varint(1_700_000_000_000L) // event time
                        .string("") // source
                        .varint(1) // text: the string branch
                        .varint(HUGE)
                        .raw("aaaaaaaaaaaaaaa")));
    if (message.length != 45) {
      throw new AssertionError("the poison message has " + message.length + " bytes, not 45");
    }
    return message;
  }

  /** A DeadLetter whose original_key bytes claim about 2 GB. */
  static byte[] deadLetterBytesLength() {
    byte[] datum = new Bytes().varint(1).varint(HUGE).raw("key").bytes();
    return withHeader(SchemaNormalization.parsingFingerprint64(DeadLetter.getClassSchema()), datum);
  }

  /** id "p", an event time and an empty source: the fields before the text. */
  private static Bytes prefix(Bytes b) {
    return b.string("p").varint(5).string("");
  }

  private static byte[] datum(java.util.function.UnaryOperator<Bytes> fields) {
    return fields.apply(new Bytes()).bytes();
  }

  private static byte[] withDatum(byte[] datum) {
    return withHeader(SchemaNormalization.parsingFingerprint64(RawRecord.getClassSchema()), datum);
  }

  static byte[] withHeader(long fingerprint, byte[] datum) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xC3);
    out.write(0x01);
    for (int i = 0; i < 8; i++) {
      out.write((int) (fingerprint >>> (8 * i)) & 0xFF);
    }
    out.writeBytes(datum);
    return out.toByteArray();
  }

  /** Avro binary encoding by hand: zig-zag varints, length-prefixed strings, raw bytes. */
  static final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Bytes varint(long value) {
      long n = (value << 1) ^ (value >> 63);
      while ((n & ~0x7FL) != 0) {
        out.write((int) ((n & 0x7F) | 0x80));
        n >>>= 7;
      }
      out.write((int) n);
      return this;
    }

    Bytes string(String s) {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      varint(utf8.length);
      out.writeBytes(utf8);
      return this;
    }

    Bytes raw(String ascii) {
      out.writeBytes(ascii.getBytes(StandardCharsets.US_ASCII));
      return this;
    }

    Bytes raw(byte... bytes) {
      out.writeBytes(bytes);
      return this;
    }

    /** The null branch of a {@code ["null", T]} union. */
    Bytes nullUnion() {
      return varint(0);
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }

  /** Decodes every poison message and prints one line per message. */
  public static void main(String[] args) {
    RawRecordDecoder decoder = new RawRecordDecoder(PoisonPipeline.definition());
    for (Map.Entry<String, byte[]> message : rawRecords().entrySet()) {
      String line;
      try {
        DecodeOutcome outcome = decoder.decode("k", message.getValue(), 0L);
        line =
            outcome instanceof DecodeOutcome.Rejected r
                ? r.reason() + "\t" + r.message()
                : "DECODED\t" + outcome;
      } catch (Throwable e) {
        line = "THREW\t" + e;
      }
      System.out.println(message.getKey() + "\t" + line.replace('\n', ' '));
    }
    String line;
    try {
      SingleObjectCodec.of(new DeadLetter()).decode(deadLetterBytesLength());
      line = "DECODED\t";
    } catch (java.io.IOException | org.apache.avro.AvroRuntimeException e) {
      line = "REJECTED\t" + e.getMessage();
    } catch (Throwable e) {
      line = "THREW\t" + e;
    }
    System.out.println("dead-letter-bytes-length\t" + line.replace('\n', ' '));
  }
}
