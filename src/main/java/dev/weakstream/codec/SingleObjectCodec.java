package dev.weakstream.codec;

import dev.weakstream.avro.LabeledRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Avro single-object encoding for one generated record class: a 2-byte marker {@code C3 01}, the
 * schema's 8-byte CRC-64-AVRO fingerprint (little-endian), then the binary datum. Readers know a
 * schema by its fingerprint, so no schema registry is needed; an unknown fingerprint fails with
 * {@link MissingSchemaException}. Besides the current schema, a reader knows the earlier versions
 * kept as resources {@code /schemas/history/NAME.vN.avsc} (N = 1, 2, ...), so records written
 * before a schema change still decode.
 *
 * <p>Decoding checks the datum against its writer schema first ({@link BinaryDatumValidator}): no
 * declared length may exceed the bytes present, so a hostile message cannot make Avro allocate more
 * than its own size, and a corrupt one fails with an {@link AvroDatumException} that names the
 * field and the byte offset.
 *
 * <p>Thread-safe: Avro's encoders keep per-thread buffers, its datum readers are shared (as Avro's
 * own message decoder shares them), and each thread reuses its own binary decoder.
 */
public final class SingleObjectCodec<T extends SpecificRecordBase> {

  /** The first two bytes of every single-object encoded message. */
  public static final byte MARKER_0 = (byte) 0xC3;

  public static final byte MARKER_1 = (byte) 0x01;

  /** Bytes before the datum: the marker and the fingerprint. */
  static final int HEADER_BYTES = 10;

  private static final ThreadLocal<BinaryDecoder> DECODERS = new ThreadLocal<>();

  /** A writer schema this codec reads: its validator and its datum reader. */
  private record WriterSchema<T>(
      Schema schema, BinaryDatumValidator validator, SpecificDatumReader<T> reader) {}

  private final String recordName;
  private final BinaryMessageEncoder<T> encoder;
  private final Map<Long, WriterSchema<T>> writers;

  /** The hand-written writer of this record class, or null: Avro's generic writer encodes it. */
  private final LabeledRecordWriter handWritten;

  private SingleObjectCodec(T prototype) {
    AvroTrust.install();
    SpecificData model = new SpecificData();
    Schema current = prototype.getSchema();
    this.recordName = current.getName();
    this.encoder = new BinaryMessageEncoder<>(model, current);
    Map<Long, WriterSchema<T>> known = new LinkedHashMap<>();
    for (Schema writer : versions(current)) {
      known.putIfAbsent(
          SchemaNormalization.parsingFingerprint64(writer),
          new WriterSchema<>(
              writer,
              new BinaryDatumValidator(writer),
              new SpecificDatumReader<>(writer, current, model)));
    }
    this.writers = Map.copyOf(known);
    this.handWritten =
        LabeledRecordWriter.writes(prototype.getSchema()) ? new LabeledRecordWriter() : null;
  }

  /** A codec for the class of {@code prototype} (e.g. {@code new RawRecord()}). */
  public static <T extends SpecificRecordBase> SingleObjectCodec<T> of(T prototype) {
    return new SingleObjectCodec<>(prototype);
  }

  /** True when the bytes start with the single-object marker. */
  public static boolean looksLikeSingleObject(byte[] bytes) {
    return bytes != null && bytes.length >= 10 && bytes[0] == MARKER_0 && bytes[1] == MARKER_1;
  }

  public byte[] encode(T record) {
    if (handWritten != null) {
      return handWritten.encode((LabeledRecord) record);
    }
    try {
      ByteBuffer buffer = encoder.encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + record.getSchema().getName(), e);
    }
  }

  /**
   * Decodes one message.
   *
   * @throws MissingSchemaException for an unknown schema fingerprint
   * @throws BadHeaderException when the marker is missing or the message is shorter than a header
   * @throws AvroDatumException (an {@link IOException}) for a datum that does not fit its schema
   */
  public T decode(byte[] bytes) throws IOException {
    if (!looksLikeSingleObject(bytes)) {
      throw new BadHeaderException(
          bytes == null || bytes.length < HEADER_BYTES
              ? "not a single-object encoded "
                  + recordName
                  + ": "
                  + (bytes == null ? 0 : bytes.length)
                  + " bytes, shorter than the "
                  + HEADER_BYTES
                  + "-byte header"
              : "not a single-object encoded " + recordName + ": no C3 01 marker");
    }
    long fingerprint = fingerprintOf(bytes);
    WriterSchema<T> writer = writers.get(fingerprint);
    if (writer == null) {
      throw new MissingSchemaException(
          "schema fingerprint "
              + String.format("%016X", fingerprint)
              + " is not a known version of "
              + recordName
              + " (known: "
              + String.join(
                  ", ", writers.keySet().stream().map(f -> String.format("%016X", f)).toList())
              + ")");
    }
    writer.validator().check(bytes, HEADER_BYTES);
    BinaryDecoder decoder =
        DecoderFactory.get()
            .binaryDecoder(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES, DECODERS.get());
    DECODERS.set(decoder);
    try {
      return writer.reader().read(null, decoder);
    } catch (AvroRuntimeException | IndexOutOfBoundsException e) {
      throw new AvroDatumException(
          AvroDatumException.Kind.MALFORMED,
          "",
          HEADER_BYTES,
          bytes.length,
          "Avro cannot decode the datum with the " + recordName + " schema: " + e);
    }
  }

  /** The schema fingerprint of a message that {@link #looksLikeSingleObject}. */
  static long fingerprintOf(byte[] bytes) {
    long fingerprint = 0;
    for (int i = 0; i < 8; i++) {
      fingerprint |= (bytes[2 + i] & 0xFFL) << (8 * i);
    }
    return fingerprint;
  }

  /** The current schema, then the earlier versions kept as resources. */
  private static java.util.List<Schema> versions(Schema current) {
    java.util.List<Schema> versions = new java.util.ArrayList<>();
    versions.add(current);
    for (int v = 1; ; v++) {
      String resource = "/schemas/history/" + current.getName() + ".v" + v + ".avsc";
      try (InputStream in = SingleObjectCodec.class.getResourceAsStream(resource)) {
        if (in == null) {
          return versions;
        }
        versions.add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resource, e);
      }
    }
  }
}
