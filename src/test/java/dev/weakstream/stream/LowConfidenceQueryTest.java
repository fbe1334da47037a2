package dev.weakstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weakstream.avro.LabeledRecord;
import dev.weakstream.avro.RawRecord;
import dev.weakstream.codec.SingleObjectCodec;
import dev.weakstream.core.Labeler;
import dev.weakstream.core.MajorityVote;
import dev.weakstream.core.Prediction;
import dev.weakstream.core.VoteRow;
import dev.weakstream.kafka.PipelineTopics;
import dev.weakstream.metrics.PipelineMetrics;
import dev.weakstream.metrics.TeacherMetrics;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.pipeline.TeacherDefinition;
import dev.weakstream.pipeline.TeacherReference;
import dev.weakstream.teacher.OnnxFixtures;
import dev.weakstream.teacher.TeacherManifests;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code query: low_confidence} asks the current label model how sure it is without the teacher. A
 * fitted label model counts the teacher among its sources, so it must be asked with a row that has
 * the teacher's (abstaining) vote: a row of LF votes alone is rejected by every fitted model.
 */
class LowConfidenceQueryTest {

  @TempDir Path dir;

  /**
   * Like every fitted label model: one vote per source, the teacher included; majority vote inside.
   */
  private static final class SourceCountingLabeler implements Labeler {
    private final int sources;
    private final MajorityVote vote = new MajorityVote(2);

    SourceCountingLabeler(int sources) {
      this.sources = sources;
    }

    @Override
    public String name() {
      return "counting";
    }

    @Override
    public String version() {
      return "1";
    }

    @Override
    public int numClasses() {
      return 2;
    }

    @Override
    public Prediction predict(VoteRow row) {
      if (row.size() != sources) {
        throw new IllegalArgumentException(
            "row has " + row.size() + " votes, model expects " + sources);
      }
      return vote.predict(row);
    }
  }

  @Test
  void theLabelModelIsAskedWithTheTeacherAbstainingAndUnsureRecordsGoToTheTeacher()
      throws Exception {
    PipelineDefinition base = TestPipelines.spam();
    TeacherDefinition definition =
        new TeacherDefinition(
            "sentiment",
            TeacherReference.Mode.FEWSHOT,
            TeacherDefinition.Query.LOW_CONFIDENCE,
            0.8,
            1,
            Duration.ofSeconds(1),
            0,
            100,
            20);
    PipelineDefinition pipeline =
        new PipelineDefinition(
            base.source(),
            base.name(),
            base.classes(),
            base.input(),
            base.output(),
            base.labelingFunctions(),
            base.externalSources(),
            base.labelModel(),
            List.of(definition));
    var manifest =
        TeacherManifests.parse(
            OnnxFixtures.classifierManifest(
                OnnxFixtures.model(dir, OnnxFixtures.Spec.standard()),
                OnnxFixtures.tokenizer(dir),
                ""),
            "s.yaml",
            dir);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PipelineMetrics metrics = PipelineMetrics.of(registry, pipeline);
    CurrentLabeler labeler = new CurrentLabeler(new SourceCountingLabeler(pipeline.numSources()));
    try (StreamTeacher teacher = StreamTeachers.open(pipeline, manifest);
        TopologyTestDriver driver =
            new TopologyTestDriver(
                PipelineTopology.build(
                    PipelineTopology.Options.of(pipeline, labeler, metrics)
                        .withTeacher(
                            teacher,
                            new TeacherMetrics(
                                registry, pipeline.name(), "sentiment", "cpu", teacher::cache))),
                StreamsSettings.defaults("low-confidence", "unused:9092", dir.resolve("state"))
                    .toProperties(pipeline.output().deadLetterTopic(), metrics))) {
      TestInputTopic<byte[], byte[]> raw =
          driver.createInputTopic("raw", new ByteArraySerializer(), new ByteArraySerializer());
      TestOutputTopic<String, LabeledRecord> labeled =
          driver.createOutputTopic(
              "labeled",
              Serdes.String().deserializer(),
              PipelineTopics.of(pipeline).labeled().valueSerde().deserializer());
      SingleObjectCodec<RawRecord> codec = SingleObjectCodec.of(new RawRecord());
      // "subscribe ... song": a SPAM and a HAM vote tie (confidence 0.5); "subscribe": one SPAM
      // vote (1.0)
      for (String[] r :
          List.of(
              new String[] {"tie", "subscribe for a good song"},
              new String[] {"sure", "subscribe now"})) {
        raw.pipeInput(
            r[0].getBytes(StandardCharsets.UTF_8),
            codec.encode(
                RawRecord.newBuilder()
                    .setId(r[0])
                    .setEventTime(Instant.now())
                    .setText(r[1])
                    .setAttributes(Map.of())
                    .build()));
      }
      List<LabeledRecord> out = labeled.readValuesToList();
      assertThat(
              driver
                  .createOutputTopic(
                      "dead-letters",
                      Serdes.String().deserializer(),
                      Serdes.ByteArray().deserializer())
                  .isEmpty())
          .isTrue();
      assertThat(out).extracting(LabeledRecord::getId).containsExactlyInAnyOrder("tie", "sure");
      LabeledRecord tie =
          out.stream().filter(r -> r.getId().equals("tie")).findFirst().orElseThrow();
      LabeledRecord sure =
          out.stream().filter(r -> r.getId().equals("sure")).findFirst().orElseThrow();
      assertThat(tie.getTeacherName()).isEqualTo("sentiment");
      assertThat(sure.getTeacherName()).isNull();
      assertThat(
              registry.get("weakstream.teacher.skips").tag("reason", "confident").counter().count())
          .isEqualTo(1);
    }
  }
}
