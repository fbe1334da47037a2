package dev.weakstream.stream;

import dev.weakstream.avro.DeadLetter;
import dev.weakstream.avro.RawRecord;
import dev.weakstream.codec.RawRecordDecoder;
import dev.weakstream.core.Labeler;
import dev.weakstream.metrics.PipelineMetrics;
import dev.weakstream.pipeline.PipelineDefinition;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * Builds the labeling topology of a pipeline — a pure factory (definition and components in, topology
 * out, no I/O), and the one place its sub-topologies are wired:
 *
 * <pre>
 * raw topic → decode-and-validate ─┬→ dead-letter topic   (undecodable, unknown schema, bad fields)
 *                                  └→ apply-labeling-functions → combine-votes → labeled topic
 * </pre>
 *
 * <p>Tests run TopologyTestDriver on this same topology; {@code topology/<name>.topology.txt} keeps its
 * {@code describe()} text under review.
 */
public final class PipelineTopology {

  private PipelineTopology() {}

  /**
   * @param labeler the combiner to use for each record; asked per record, so a refitted label model
   *     takes effect without rebuilding the topology
   */
  public static Topology build(
      PipelineDefinition pipeline, Supplier<Labeler> labeler, PipelineMetrics metrics) {
    PipelineTopics topics = PipelineTopics.of(pipeline);
    RawRecordDecoder decoder = new RawRecordDecoder(pipeline);
    StreamsBuilder builder = new StreamsBuilder();

    Map<String, KStream<String, DecodedMessage>> routes =
        builder.stream(topics.raw().name(), topics.raw().consumed().withName("raw-source"))
            .process(() -> new DecodeProcessor(decoder, metrics), Named.as("decode-and-validate"))
            .split(Named.as("route-"))
            .branch((id, message) -> message instanceof DecodedMessage.Rejected, Branched.as("rejected"))
            .defaultBranch(Branched.as("accepted"));

    routes.get("route-rejected")
        .mapValues(DeadLetterOf::letter, Named.as("dead-letter-value"))
        .to(topics.deadLetters().name(), topics.deadLetters().produced().withName("dead-letter-sink"));

    routes.get("route-accepted")
        .mapValues(RawRecordOf::record, Named.as("accepted-record"))
        .processValues(
            () -> new ApplyLabelingFunctions(pipeline.labelingFunctions(), metrics),
            Named.as("apply-labeling-functions"))
        .processValues(
            () -> new CombineVotes(labeler, pipeline.labelingFunctions().version(), metrics),
            Named.as("combine-votes"))
        .to(topics.labeled().name(), topics.labeled().produced().withName("labeled-sink"));

    return builder.build();
  }

  private static final class DeadLetterOf {
    static DeadLetter letter(DecodedMessage message) {
      return ((DecodedMessage.Rejected) message).letter();
    }
  }

  private static final class RawRecordOf {
    static RawRecord record(DecodedMessage message) {
      return ((DecodedMessage.Accepted) message).record();
    }
  }
}
