package dev.weakstream.stream;

import dev.weakstream.avro.DeadLetter;
import dev.weakstream.avro.LabelModelRelease;
import dev.weakstream.avro.LabelModelStatistics;
import dev.weakstream.avro.LabeledRecord;
import dev.weakstream.pipeline.PipelineDefinition;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topics one pipeline reads and writes, with their serdes: raw bytes in (Avro or JSON, decoded
 * by the topology so bad bytes can be dead-lettered), Avro labeled records and dead letters out.
 */
public record PipelineTopics(
    Topic<byte[], byte[]> raw,
    Topic<String, LabeledRecord> labeled,
    Topic<String, DeadLetter> deadLetters,
    Topic<String, LabelModelStatistics> statistics,
    Topic<String, LabelModelRelease> labelModel) {

  /** Suffix of the compacted, single-partition topic of per-task label-model statistics. */
  public static final String STATISTICS_SUFFIX = "-label-model-statistics";

  /** Suffix of the compacted, single-partition topic of fitted label-model releases. */
  public static final String LABEL_MODEL_SUFFIX = "-label-model";

  public static PipelineTopics of(PipelineDefinition pipeline) {
    return new PipelineTopics(
        new Topic<>(pipeline.input().topic(), Serdes.ByteArray(), Serdes.ByteArray()),
        new Topic<>(
            pipeline.output().labeledTopic(),
            Serdes.String(),
            new AvroSerde<>(new LabeledRecord())),
        new Topic<>(
            pipeline.output().deadLetterTopic(),
            Serdes.String(),
            new AvroSerde<>(new DeadLetter())),
        new Topic<>(
            pipeline.name() + STATISTICS_SUFFIX,
            Serdes.String(),
            new AvroSerde<>(new LabelModelStatistics())),
        new Topic<>(
            pipeline.name() + LABEL_MODEL_SUFFIX,
            Serdes.String(),
            new AvroSerde<>(new LabelModelRelease())));
  }

  /** The data topics, created with the pipeline's partition count. */
  public List<String> names() {
    return List.of(raw.name(), labeled.name(), deadLetters.name());
  }

  /** The label model's topics: compacted, one partition, sized for large statistics. */
  public List<String> labelModelTopics() {
    return List.of(statistics.name(), labelModel.name());
  }
}
