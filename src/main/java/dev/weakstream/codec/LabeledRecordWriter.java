package dev.weakstream.codec;

import dev.weakstream.avro.LabeledRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Writes a {@link LabeledRecord} in single-object encoding field by field, producing the same bytes
 * as Avro's generic writer at a fraction of its cost (no per-field schema walk, union resolution or
 * logical-type lookup): the labeled topic carries one per input record, so this is the hot path of
 * the labeling topology. Hand-written for exactly one schema: {@link #writes(Schema)} holds only
 * for the schema it was written against (by fingerprint), so a changed {@code LabeledRecord.avsc}
 * falls back to the generic writer until this class is updated ({@code LabeledRecordWriterTest}
 * fails meanwhile).
 *
 * <p>Thread-safe: each thread reuses its own buffer and encoder.
 */
public final class LabeledRecordWriter {

  /** CRC-64-AVRO fingerprint of the LabeledRecord schema this writer follows. */
  static final long FINGERPRINT = 0x65C445B6470CD41EL;

  private static final class Buffers {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    BinaryEncoder encoder;
  }

  private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

  private final byte[] header;

  LabeledRecordWriter() {
    long fingerprint = SchemaNormalization.parsingFingerprint64(LabeledRecord.getClassSchema());
    header = new byte[10];
    header[0] = SingleObjectCodec.MARKER_0;
    header[1] = SingleObjectCodec.MARKER_1;
    for (int i = 0; i < 8; i++) {
      header[2 + i] = (byte) (fingerprint >>> (8 * i));
    }
  }

  /** True when {@code schema} is the LabeledRecord schema this class was written for. */
  static boolean writes(Schema schema) {
    return schema.getFullName().equals(LabeledRecord.getClassSchema().getFullName())
        && SchemaNormalization.parsingFingerprint64(schema) == FINGERPRINT;
  }

  /** The record's single-object encoding. */
  public byte[] encode(LabeledRecord r) {
    Buffers buffers = BUFFERS.get();
    buffers.out.reset();
    buffers.out.writeBytes(header);
    BinaryEncoder out = EncoderFactory.get().binaryEncoder(buffers.out, buffers.encoder);
    // Reused only after a complete write: a failed one leaves bytes in the encoder's buffer, which
    // configuring it for the next record would flush into that record.
    buffers.encoder = null;
    try {
      out.writeString(required(r.getId(), "id"));
      out.writeLong(required(r.getEventTime(), "event_time").toEpochMilli());
      out.writeString(required(r.getSource(), "source"));
      out.writeString(required(r.getText(), "text"));
      writeStringMap(out, required(r.getAttributes(), "attributes"));
      writeOptionalInt(out, r.getGoldLabel());
      writeIntArray(out, required(r.getVotes(), "votes"));
      out.writeString(required(r.getLfSetVersion(), "lf_set_version"));
      writeStringArray(out, required(r.getExternalSources(), "external_sources"));
      writeDoubleArray(out, required(r.getProbabilities(), "probabilities"));
      out.writeInt(r.getLabel());
      out.writeDouble(r.getConfidence());
      out.writeBoolean(r.getCovered());
      out.writeString(required(r.getCombinerName(), "combiner_name"));
      out.writeString(required(r.getCombinerVersion(), "combiner_version"));
      writeOptionalString(out, r.getTeacherName());
      writeOptionalString(out, r.getTeacherVersion());
      writeOptionalInt(out, r.getSourcePartition());
      if (r.getSourceOffset() == null) {
        out.writeIndex(0);
      } else {
        out.writeIndex(1);
        out.writeLong(r.getSourceOffset());
      }
      if (r.getTeacherEmbedding() == null) {
        out.writeIndex(0);
      } else {
        out.writeIndex(1);
        writeFloatArray(out, r.getTeacherEmbedding());
      }
      writeOptionalString(out, r.getStudentName());
      writeOptionalString(out, r.getStudentVersion());
      if (r.getStudentProbabilities() == null) {
        out.writeIndex(0);
      } else {
        out.writeIndex(1);
        writeDoubleArray(out, r.getStudentProbabilities());
      }
      writeOptionalInt(out, r.getStudentLabel());
      out.writeLong(required(r.getProcessingTime(), "processing_time").toEpochMilli());
      out.flush();
      buffers.encoder = out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode LabeledRecord", e);
    }
    return buffers.out.toByteArray();
  }

  private static <V> V required(V value, String field) {
    if (value == null) { // no message supplier: a capturing lambda per field and record showed in
      // profiles
      throw new NullPointerException("LabeledRecord field '" + field + "' is null");
    }
    return value;
  }

  private static void writeOptionalString(BinaryEncoder out, String value) throws IOException {
    if (value == null) {
      out.writeIndex(0);
    } else {
      out.writeIndex(1);
      out.writeString(value);
    }
  }

  private static void writeOptionalInt(BinaryEncoder out, Integer value) throws IOException {
    if (value == null) {
      out.writeIndex(0);
    } else {
      out.writeIndex(1);
      out.writeInt(value);
    }
  }

  private static void writeStringMap(BinaryEncoder out, Map<String, String> map)
      throws IOException {
    out.writeMapStart();
    out.setItemCount(map.size());
    for (Map.Entry<String, String> entry : map.entrySet()) {
      out.startItem();
      out.writeString(required(entry.getKey(), "attributes key"));
      out.writeString(required(entry.getValue(), "attributes value"));
    }
    out.writeMapEnd();
  }

  // Votes and probabilities come as array-backed views (RandomAccess): indexing them skips an
  // iterator.
  private static void writeIntArray(BinaryEncoder out, List<Integer> values) throws IOException {
    out.writeArrayStart();
    out.setItemCount(values.size());
    if (values instanceof RandomAccess) {
      for (int i = 0, n = values.size(); i < n; i++) {
        out.startItem();
        out.writeInt(values.get(i));
      }
    } else {
      for (Integer value : values) {
        out.startItem();
        out.writeInt(value);
      }
    }
    out.writeArrayEnd();
  }

  private static void writeDoubleArray(BinaryEncoder out, List<Double> values) throws IOException {
    out.writeArrayStart();
    out.setItemCount(values.size());
    if (values instanceof RandomAccess) {
      for (int i = 0, n = values.size(); i < n; i++) {
        out.startItem();
        out.writeDouble(values.get(i));
      }
    } else {
      for (Double value : values) {
        out.startItem();
        out.writeDouble(value);
      }
    }
    out.writeArrayEnd();
  }

  private static void writeFloatArray(BinaryEncoder out, List<Float> values) throws IOException {
    out.writeArrayStart();
    out.setItemCount(values.size());
    for (Float value : values) {
      out.startItem();
      out.writeFloat(value);
    }
    out.writeArrayEnd();
  }

  private static void writeStringArray(BinaryEncoder out, List<String> values) throws IOException {
    out.writeArrayStart();
    out.setItemCount(values.size());
    for (String value : values) {
      out.startItem();
      out.writeString(required(value, "array item"));
    }
    out.writeArrayEnd();
  }
}
