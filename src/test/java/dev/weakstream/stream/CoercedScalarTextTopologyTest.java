package dev.weakstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weakstream.avro.DeadLetter;
import dev.weakstream.avro.DeadLetterReason;
import dev.weakstream.avro.LabeledRecord;
import dev.weakstream.core.MajorityVote;
import dev.weakstream.kafka.PipelineTopics;
import dev.weakstream.metrics.PipelineMetrics;
import dev.weakstream.pipeline.PipelineDefinition;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline with {@code input.coerce_scalars: true} labels a JSON number or boolean text as its
 * JSON text and counts it in {@code weakstream.records.coerced}; arrays and objects are still dead
 * letters.
 */
class CoercedScalarTextTopologyTest {

  @TempDir Path stateDir;

  @Test
  void numberAndBooleanTextsAreLabeledAndCountedObjectsAreNot() {
    PipelineDefinition pipeline = TestPipelines.spamCoercingScalars();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PipelineMetrics metrics =
        new PipelineMetrics(
            registry, pipeline.name(), pipeline.labelingFunctions(), List.of("HAM", "SPAM"));
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            PipelineTopology.build(
                PipelineTopology.Options.of(
                    pipeline, new CurrentLabeler(new MajorityVote(2)), metrics)),
            StreamsSettings.defaults("coerce-test", "unused:9092", stateDir)
                .toProperties(pipeline.output().deadLetterTopic(), metrics))) {
      TestInputTopic<byte[], byte[]> raw =
          driver.createInputTopic("raw", new ByteArraySerializer(), new ByteArraySerializer());
      PipelineTopics topics = PipelineTopics.of(pipeline);
      var labeled =
          driver.createOutputTopic(
              "labeled",
              Serdes.String().deserializer(),
              topics.labeled().valueSerde().deserializer());
      var deadLetters =
          driver.createOutputTopic(
              "dead-letters",
              Serdes.String().deserializer(),
              topics.deadLetters().valueSerde().deserializer());
      for (String json :
          List.of(
              "{\"id\":\"n\",\"text\":42}",
              "{\"id\":\"b\",\"text\":true}",
              "{\"id\":\"o\",\"text\":{\"subscribe\":1}}",
              "{\"id\":\"s\",\"text\":\"love this song\"}")) {
        raw.pipeInput("k".getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
      }
      assertThat(labeled.readValuesToList())
          .extracting(LabeledRecord::getId, LabeledRecord::getText)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("n", "42"),
              org.assertj.core.groups.Tuple.tuple("b", "true"),
              org.assertj.core.groups.Tuple.tuple("s", "love this song"));
      assertThat(deadLetters.readValuesToList())
          .extracting(DeadLetter::getReason)
          .containsExactly(DeadLetterReason.TEXT_NOT_A_STRING);
      for (String from : List.of("number", "boolean")) {
        assertThat(
                registry
                    .get("weakstream.records.coerced")
                    .tag("from", from)
                    .tag("pipeline", pipeline.name())
                    .counter()
                    .count())
            .as(from)
            .isEqualTo(1);
      }
    }
  }
}
