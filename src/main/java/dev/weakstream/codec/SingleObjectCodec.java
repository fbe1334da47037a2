package dev.weakstream.codec;

import dev.weakstream.avro.LabeledRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Avro single-object encoding for one generated record class: a 2-byte marker {@code C3 01}, the
 * schema's 8-byte CRC-64-AVRO fingerprint, then the binary datum. Readers know a schema by its
 * fingerprint, so no schema registry is needed; an unknown fingerprint fails with {@link
 * org.apache.avro.message.MissingSchemaException}.
 *
 * <p>Thread-safe: Avro's message encoders and decoders keep per-thread buffers.
 */
public final class SingleObjectCodec<T extends SpecificRecordBase> {

  /** The first two bytes of every single-object encoded message. */
  public static final byte MARKER_0 = (byte) 0xC3;

  public static final byte MARKER_1 = (byte) 0x01;

  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  /** The hand-written writer of this record class, or null: Avro's generic writer encodes it. */
  private final LabeledRecordWriter handWritten;

  private SingleObjectCodec(T prototype) {
    AvroTrust.install();
    SpecificData model = new SpecificData();
    this.encoder = new BinaryMessageEncoder<>(model, prototype.getSchema());
    this.decoder = new BinaryMessageDecoder<>(model, prototype.getSchema());
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
   * @throws org.apache.avro.message.MissingSchemaException for an unknown schema fingerprint
   * @throws org.apache.avro.message.BadHeaderException when the marker is missing
   * @throws IOException or {@link org.apache.avro.AvroRuntimeException} for a corrupt datum
   */
  public T decode(byte[] bytes) throws IOException {
    return decoder.decode(bytes);
  }
}
