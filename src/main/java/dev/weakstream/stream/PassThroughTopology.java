package dev.weakstream.stream;

import dev.weakstream.avro.RawRecord;
import dev.weakstream.codec.RawRecordDecoder;
import dev.weakstream.kafka.AvroSerde;
import dev.weakstream.kafka.PipelineTopics;
import dev.weakstream.metrics.PipelineMetrics;
import dev.weakstream.pipeline.PipelineDefinition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The benchmark baseline: the labeling topology without labeling — decode and validate each raw
 * message with the same processor, then encode the record again to an output topic. What the
 * labeling topology costs beyond this is the cost of labeling functions and vote combination.
 */
public final class PassThroughTopology {

  private PassThroughTopology() {}

  public static Topology build(
      PipelineDefinition pipeline, PipelineMetrics metrics, String outputTopic) {
    PipelineTopics topics = PipelineTopics.of(pipeline);
    RawRecordDecoder decoder = new RawRecordDecoder(pipeline);
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(topics.raw().name(), TopicStreams.consumed(topics.raw()).withName("raw-source"))
        .process(() -> new DecodeProcessor(decoder, metrics), Named.as("decode-and-validate"))
        .filter((id, message) -> message instanceof DecodedMessage.Accepted, Named.as("accepted"))
        .mapValues(
            message -> ((DecodedMessage.Accepted) message).record(), Named.as("accepted-record"))
        .to(
            outputTopic,
            Produced.with(Serdes.String(), new AvroSerde<>(new RawRecord()))
                .withName("pass-through-sink"));
    return builder.build();
  }
}
