package dev.weakstream.stream;

import dev.weakstream.avro.DeadLetter;
import dev.weakstream.avro.DeadLetterReason;
import dev.weakstream.kafka.AvroSerde;
import dev.weakstream.metrics.PipelineMetrics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy for unexpected exceptions inside the topology (bad input is already dead-lettered by
 * {@code decode-and-validate}): log, count, write a {@code PROCESSING_ERROR} dead letter with the
 * source record's original bytes, and carry on. The dead letter is produced in the task's
 * transaction, so under exactly-once it commits with the input offset.
 *
 * <p>Configured by {@link StreamsSettings}: {@value #DEAD_LETTER_TOPIC_CONFIG} names the topic and
 * {@value #METRICS_CONFIG} passes the {@link PipelineMetrics} instance.
 */
public final class DeadLetterProcessingExceptionHandler implements ProcessingExceptionHandler {

  public static final String DEAD_LETTER_TOPIC_CONFIG = "weakstream.dead.letter.topic";
  public static final String METRICS_CONFIG = "weakstream.pipeline.metrics";

  private static final Logger LOG =
      LoggerFactory.getLogger(DeadLetterProcessingExceptionHandler.class);

  private final AvroSerde<DeadLetter> serde = new AvroSerde<>(new DeadLetter());
  private String topic;
  private PipelineMetrics metrics;

  @Override
  public void configure(Map<String, ?> configs) {
    Object t = configs.get(DEAD_LETTER_TOPIC_CONFIG);
    if (!(t instanceof String s) || s.isBlank()) {
      throw new ConfigException(DEAD_LETTER_TOPIC_CONFIG, t, "must name the dead-letter topic");
    }
    topic = s;
    metrics = configs.get(METRICS_CONFIG) instanceof PipelineMetrics m ? m : null;
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    LOG.error(
        "processing error at {}-{}@{} in node {}; record dead-lettered",
        context.topic(),
        context.partition(),
        context.offset(),
        context.processorNodeId(),
        exception);
    DeadLetter letter =
        DeadLetters.deadLetter(
            context.sourceRawKey(),
            context.sourceRawValue(),
            context.topic(),
            context.partition(),
            context.offset(),
            DeadLetterReason.PROCESSING_ERROR,
            "in node " + context.processorNodeId() + ": " + exception,
            System.currentTimeMillis());
    if (metrics != null) {
      metrics.deadLettered(DeadLetterReason.PROCESSING_ERROR);
    }
    byte[] value = serde.serializer().serialize(topic, letter);
    ProducerRecord<byte[], byte[]> out =
        new ProducerRecord<>(
            topic, null, context.sourceRawKey(), value, DeadLetters.headers(letter));
    return Response.resume(List.of(out));
  }
}
