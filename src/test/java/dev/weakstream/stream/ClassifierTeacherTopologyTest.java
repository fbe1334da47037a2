package dev.weakstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weakstream.avro.LabeledRecord;
import dev.weakstream.avro.RawRecord;
import dev.weakstream.codec.SingleObjectCodec;
import dev.weakstream.core.MajorityVote;
import dev.weakstream.kafka.PipelineTopics;
import dev.weakstream.metrics.PipelineMetrics;
import dev.weakstream.metrics.TeacherMetrics;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.pipeline.TeacherDefinition;
import dev.weakstream.pipeline.TeacherReference;
import dev.weakstream.teacher.OnnxFixtures;
import dev.weakstream.teacher.TeacherManifest;
import dev.weakstream.teacher.TeacherManifests;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A classifier the user brings (an ONNX model + tokenizer.json, configured by its manifest) as the
 * pipeline's teacher: it is ready at once (no few-shot head to fit) and its outputs become soft
 * votes.
 */
class ClassifierTeacherTopologyTest {

  @TempDir Path dir;

  @Test
  void aClassifierManifestTeachesUncoveredRecordsInTheStream() throws Exception {
    PipelineDefinition base = TestPipelines.spam();
    TeacherDefinition definition =
        new TeacherDefinition(
            "sentiment",
            TeacherReference.Mode.FEWSHOT,
            TeacherDefinition.Query.UNCOVERED,
            0.8,
            2,
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
    TeacherManifest manifest =
        TeacherManifests.parse(
            OnnxFixtures.classifierManifest(
                OnnxFixtures.model(dir, OnnxFixtures.Spec.standard()),
                OnnxFixtures.tokenizer(dir),
                ""),
            "sentiment.yaml",
            dir);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PipelineMetrics metrics = PipelineMetrics.of(registry, pipeline);
    SingleObjectCodec<RawRecord> codec = SingleObjectCodec.of(new RawRecord());
    try (StreamTeacher teacher = StreamTeachers.open(pipeline, manifest)) {
      assertThat(teacher.ready()).isTrue();
      TeacherMetrics teacherMetrics =
          new TeacherMetrics(registry, pipeline.name(), "sentiment", "cpu", teacher::cache);
      Properties props =
          StreamsSettings.defaults("classifier-teacher-test", "unused:9092", dir.resolve("state"))
              .toProperties(pipeline.output().deadLetterTopic(), metrics);
      try (TopologyTestDriver driver =
          new TopologyTestDriver(
              PipelineTopology.build(
                  PipelineTopology.Options.of(
                          pipeline, new CurrentLabeler(new MajorityVote(2)), metrics)
                      .withTeacher(teacher, teacherMetrics)),
              props)) {
        TestInputTopic<byte[], byte[]> raw =
            driver.createInputTopic("raw", new ByteArraySerializer(), new ByteArraySerializer());
        TestOutputTopic<String, LabeledRecord> labeled =
            driver.createOutputTopic(
                "labeled",
                Serdes.String().deserializer(),
                PipelineTopics.of(pipeline).labeled().valueSerde().deserializer());
        for (String[] r :
            List.of(
                new String[] {"g", "a good great movie"}, new String[] {"b", "awful bad movie"})) {
          RawRecord record =
              RawRecord.newBuilder()
                  .setId(r[0])
                  .setEventTime(Instant.now())
                  .setText(r[1])
                  .setAttributes(Map.of())
                  .build();
          raw.pipeInput(r[0].getBytes(StandardCharsets.UTF_8), codec.encode(record));
        }
        List<LabeledRecord> out = labeled.readValuesToList();
        assertThat(out).extracting(LabeledRecord::getId).containsExactly("g", "b");
        assertThat(out).allSatisfy(r -> assertThat(r.getTeacherName()).isEqualTo("sentiment"));
        assertThat(out.get(0).getVotes()).last().isEqualTo(0);
        assertThat(out.get(1).getVotes()).last().isEqualTo(1);
        assertThat(out.get(0).getLabel()).isEqualTo(0);
        assertThat(out.get(1).getLabel()).isEqualTo(1);
      }
    }
  }
}
