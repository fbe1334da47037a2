package dev.weakstream.stream;

import dev.weakstream.avro.DeadLetter;
import dev.weakstream.avro.LabeledRecord;
import dev.weakstream.pipeline.PipelineDefinition;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topics one pipeline reads and writes, with their serdes: raw bytes in (Avro or JSON, decoded by the
 * topology so bad bytes can be dead-lettered), Avro labeled records and dead letters out.
 */
public record PipelineTopics(
    Topic<byte[], byte[]> raw, Topic<String, LabeledRecord> labeled, Topic<String, DeadLetter> deadLetters) {

  public static PipelineTopics of(PipelineDefinition pipeline) {
    return new PipelineTopics(
        new Topic<>(pipeline.input().topic(), Serdes.ByteArray(), Serdes.ByteArray()),
        new Topic<>(pipeline.output().labeledTopic(), Serdes.String(), new AvroSerde<>(new LabeledRecord())),
        new Topic<>(pipeline.output().deadLetterTopic(), Serdes.String(), new AvroSerde<>(new DeadLetter())));
  }

  public List<String> names() {
    return List.of(raw.name(), labeled.name(), deadLetters.name());
  }
}
