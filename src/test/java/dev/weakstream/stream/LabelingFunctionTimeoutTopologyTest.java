package dev.weakstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weakstream.avro.LabeledRecord;
import dev.weakstream.avro.RawRecord;
import dev.weakstream.codec.SingleObjectCodec;
import dev.weakstream.core.LabelingFunctionSet;
import dev.weakstream.core.MajorityVote;
import dev.weakstream.core.lf.RegexFunction;
import dev.weakstream.kafka.PipelineTopics;
import dev.weakstream.metrics.PipelineMetrics;
import dev.weakstream.pipeline.InputDefinition;
import dev.weakstream.pipeline.PipelineDefinition;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In the production topology, a regex that would take seconds on a long text abstains at its time
 * budget and is counted in {@code weakstream.lf.timeouts{lf}} (Prometheus {@code
 * weakstream_lf_timeouts_total}), not as a fault; the record is labeled by the other functions.
 */
class LabelingFunctionTimeoutTopologyTest {

  @TempDir Path stateDir;

  @Test
  void aTimedOutFunctionAbstainsAndIsCounted() {
    PipelineDefinition base = TestPipelines.spam();
    InputDefinition in = base.input();
    LabelingFunctionSet lfs =
        new LabelingFunctionSet(
            List.of(
                TestPipelines.contains("subscribe", "subscribe", 1),
                new RegexFunction("slow", 0, "[a-w]{1000}".repeat(10) + "z", false, 10)),
            2,
            "timeouts-v1");
    PipelineDefinition pipeline =
        new PipelineDefinition(
            base.source(),
            base.name(),
            base.classes(),
            new InputDefinition(in.topic(), in.format(), in.fields(), 50_000),
            base.output(),
            lfs,
            List.of(),
            base.labelModel());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PipelineMetrics metrics =
        new PipelineMetrics(registry, pipeline.name(), lfs, List.of("HAM", "SPAM"));
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            PipelineTopology.build(
                PipelineTopology.Options.of(
                    pipeline, new CurrentLabeler(new MajorityVote(2)), metrics)),
            StreamsSettings.defaults("timeout-test", "unused:9092", stateDir)
                .toProperties(pipeline.output().deadLetterTopic(), metrics))) {
      TestInputTopic<byte[], byte[]> raw =
          driver.createInputTopic("raw", new ByteArraySerializer(), new ByteArraySerializer());
      var labeled =
          driver.createOutputTopic(
              "labeled",
              Serdes.String().deserializer(),
              PipelineTopics.of(pipeline).labeled().valueSerde().deserializer());
      String text = "subscribe " + "a".repeat(20_000) + "z";
      raw.pipeInput(
          "k".getBytes(StandardCharsets.UTF_8),
          SingleObjectCodec.of(new RawRecord())
              .encode(
                  RawRecord.newBuilder()
                      .setId("long")
                      .setEventTime(Instant.EPOCH)
                      .setText(text)
                      .build()));
      LabeledRecord out = labeled.readValue();
      assertThat(out.getVotes()).containsExactly(1, -1);
      assertThat(out.getLabel()).isEqualTo(1);
      assertThat(registry.get("weakstream.lf.timeouts").tag("lf", "slow").counter().count())
          .isEqualTo(1);
      assertThat(registry.get("weakstream.lf.faults").tag("lf", "slow").counter().count()).isZero();
      assertThat(registry.scrape())
          .containsPattern("weakstream_lf_timeouts_total\\{[^}]*lf=\"slow\"[^}]*\\} 1\\.0");
    }
  }
}
