package dev.weakstream.stream;

import dev.weakstream.avro.DeadLetter;
import dev.weakstream.codec.DecodeOutcome;
import dev.weakstream.codec.RawRecordDecoder;
import dev.weakstream.codec.ScalarCoercion;
import dev.weakstream.metrics.PipelineMetrics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Decodes and validates raw-topic messages. Valid records continue keyed by their id; anything else
 * becomes a {@link DeadLetter} carrying the original bytes and source coordinates, counted by
 * reason; a text coerced from a JSON number or boolean ({@code input.coerce_scalars}) is counted
 * too. Never throws for bad input.
 */
final class DecodeProcessor implements Processor<byte[], byte[], String, DecodedMessage> {

  private final RawRecordDecoder decoder;
  private final PipelineMetrics metrics;
  private ProcessorContext<String, DecodedMessage> context;

  DecodeProcessor(RawRecordDecoder decoder, PipelineMetrics metrics) {
    this.decoder = decoder;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, DecodedMessage> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> message) {
    metrics.recordIn();
    String key = message.key() == null ? null : new String(message.key(), StandardCharsets.UTF_8);
    DecodeOutcome outcome = decoder.decode(key, message.value(), message.timestamp());
    if (outcome instanceof DecodeOutcome.Decoded decoded) {
      if (decoded.coercion() != ScalarCoercion.NONE) {
        metrics.coerced(decoded.coercion());
      }
      context.forward(
          message
              .withKey(decoded.record().getId())
              .withValue((DecodedMessage) new DecodedMessage.Accepted(decoded.record())));
      return;
    }
    DecodeOutcome.Rejected rejected = (DecodeOutcome.Rejected) outcome;
    RecordMetadata source = context.recordMetadata().orElseThrow();
    DeadLetter letter =
        DeadLetters.deadLetter(
            message.key(),
            message.value(),
            source.topic(),
            source.partition(),
            source.offset(),
            rejected.reason(),
            rejected.message(),
            context.currentSystemTimeMs());
    metrics.deadLettered(rejected.reason());
    context.forward(
        message
            .withKey(key)
            .withValue((DecodedMessage) new DecodedMessage.Rejected(letter))
            .withHeaders(DeadLetters.headers(letter)));
  }
}
