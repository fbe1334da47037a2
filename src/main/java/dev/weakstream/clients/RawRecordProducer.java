package dev.weakstream.clients;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weakstream.avro.RawRecord;
import dev.weakstream.codec.DecodeOutcome;
import dev.weakstream.codec.RawRecordMapper;
import dev.weakstream.codec.RecordFileFormat;
import dev.weakstream.codec.RecordFileReader;
import dev.weakstream.codec.SingleObjectCodec;
import dev.weakstream.kafka.KafkaClients;
import dev.weakstream.pipeline.InputFormat;
import dev.weakstream.pipeline.PipelineDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces raw records to a pipeline's input topic, in the pipeline's input format: Avro
 * single-object encoded {@link RawRecord}s, or JSON objects with the pipeline's field names. Keys
 * are record ids.
 *
 * <p>Idempotent, batched producer. Owns it; {@link #close()} flushes and closes. Not thread-safe.
 */
public final class RawRecordProducer implements AutoCloseable {

  /** A row of a file that could not be produced, with its line number. */
  public record BadRow(long line, String message) {}

  /** What producing a file did. */
  public record FileReport(long produced, List<BadRow> badRows) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PipelineDefinition pipeline;
  private final KafkaProducer<String, byte[]> producer;
  private final SingleObjectCodec<RawRecord> avro = SingleObjectCodec.of(new RawRecord());
  private final AtomicReference<Exception> sendError = new AtomicReference<>();

  public RawRecordProducer(PipelineDefinition pipeline, KafkaClients clients) {
    this.pipeline = pipeline;
    this.producer =
        clients.producer(
            "weakstream-producer-" + pipeline.name(),
            Map.of(
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.LINGER_MS_CONFIG, 20),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  /** Sends one record (asynchronously; {@link #flush()} waits). */
  public void send(RawRecord record) {
    byte[] value =
        pipeline.input().format() == InputFormat.AVRO ? avro.encode(record) : toJson(record);
    send(record.getId(), value);
  }

  /** Sends pre-encoded bytes (e.g. for benchmarks or tests of bad input). */
  public void send(String key, byte[] value) {
    throwIfFailed();
    producer.send(
        new ProducerRecord<>(pipeline.input().topic(), key, value),
        (metadata, error) -> {
          if (error != null) {
            sendError.compareAndSet(null, error);
          }
        });
  }

  /**
   * Produces every row of a file. Rows that cannot be read or mapped (no id, unknown gold class,
   * bad event time) are reported with their line numbers and skipped; rows with empty text are
   * sent, so the pipeline dead-letters them with a reason.
   *
   * @param progress told the number of rows handled so far, every 1,000 rows and at the end
   */
  public FileReport produceFile(Path file, RecordFileFormat format, LongConsumer progress)
      throws IOException {
    return produceFile(file, format, record -> record, progress);
  }

  /**
   * As {@link #produceFile(Path, RecordFileFormat, LongConsumer)}, passing each record through
   * {@code beforeSend} first (e.g. to hold a gold label back from the stream).
   */
  public FileReport produceFile(
      Path file,
      RecordFileFormat format,
      UnaryOperator<RawRecord> beforeSend,
      LongConsumer progress)
      throws IOException {
    RawRecordMapper mapper = new RawRecordMapper(pipeline);
    List<BadRow> bad = new ArrayList<>();
    long[] counts = new long[2];
    long now = System.currentTimeMillis();
    RecordFileReader.read(
        file,
        format,
        row -> {
          counts[1]++;
          if (!row.ok()) {
            bad.add(new BadRow(row.line(), row.error()));
          } else {
            DecodeOutcome outcome = mapper.toRecord(row.fields()::get, null, now);
            if (outcome instanceof DecodeOutcome.Decoded decoded) {
              send(beforeSend.apply(decoded.record()));
              counts[0]++;
            } else {
              bad.add(new BadRow(row.line(), ((DecodeOutcome.Rejected) outcome).message()));
            }
          }
          if (counts[1] % 1000 == 0) {
            progress.accept(counts[1]);
          }
        });
    flush();
    progress.accept(counts[1]);
    return new FileReport(counts[0], bad);
  }

  public void flush() {
    producer.flush();
    throwIfFailed();
  }

  private void throwIfFailed() {
    Exception error = sendError.get();
    if (error != null) {
      throw new IllegalStateException(
          "producing to " + pipeline.input().topic() + " failed: " + error, error);
    }
  }

  private byte[] toJson(RawRecord record) {
    var fields = pipeline.input().fields();
    var node = JSON.createObjectNode();
    node.put(fields.id(), record.getId());
    node.put(fields.text(), record.getText());
    if (fields.eventTime() != null) {
      node.put(fields.eventTime(), record.getEventTime().toEpochMilli());
    }
    if (fields.goldLabel() != null && record.getGoldLabel() != null) {
      node.put(fields.goldLabel(), record.getGoldLabel());
    }
    record.getAttributes().forEach(node::put);
    try {
      return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
