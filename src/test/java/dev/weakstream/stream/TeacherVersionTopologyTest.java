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
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The teacher version on a labeled record is the version of the head that voted, even when a
 * refitted head is swapped in after the vote and before the record is combined (what another stream
 * thread may do): the production topology, the real MiniLM few-shot teacher, and a label model that
 * swaps the head in the middle of combining.
 */
class TeacherVersionTopologyTest {

  @TempDir Path stateDir;

  /** Majority vote that, the first time it is asked, refits the teacher's head and swaps it in. */
  private static final class SwappingLabeler implements Labeler {
    private final MajorityVote vote = new MajorityVote(2);
    private final StreamTeacher teacher;
    private final AtomicReference<String> swappedFrom = new AtomicReference<>();

    SwappingLabeler(StreamTeacher teacher) {
      this.teacher = teacher;
    }

    @Override
    public String name() {
      return "mv";
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
      if (swappedFrom.get() == null) {
        swappedFrom.set(teacher.head().version());
        // two more gold after eight seeds make a refit due; wait for it and swap it in
        teacher.gold("Free gift cards on my channel, click now", 1);
        teacher.gold("Lovely harmonies in the second verse", 0);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!teacher.adoptRefittedHead()) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("no refit finished within 60 s");
          }
          Thread.onSpinWait();
        }
      }
      return vote.predict(row);
    }
  }

  @Test
  @Timeout(120)
  void aHeadSwappedInBetweenVotingAndCombiningDoesNotChangeTheRecordedVersion() {
    PipelineDefinition base = TestPipelines.spam();
    TeacherDefinition definition =
        new TeacherDefinition(
            "minilm",
            TeacherReference.Mode.FEWSHOT,
            TeacherDefinition.Query.UNCOVERED,
            0.8,
            1,
            Duration.ofSeconds(1),
            0,
            100,
            1_000);
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
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PipelineMetrics metrics = PipelineMetrics.of(registry, pipeline);
    try (StreamTeacher teacher = StreamTeachers.open(pipeline, 1)) {
      teacher.seed(
          List.of(
              "Subscribe to my channel for free gift cards",
              "Check out my website and win a prize now",
              "Click this link to get free followers",
              "Visit my page for cheap deals today",
              "This song brings back so many memories",
              "Her voice is beautiful in this performance",
              "I have listened to this track a hundred times",
              "The guitar solo at the end is amazing"),
          new int[] {1, 1, 1, 1, 0, 0, 0, 0});
      SwappingLabeler labeler = new SwappingLabeler(teacher);
      try (TopologyTestDriver driver =
          new TopologyTestDriver(
              PipelineTopology.build(
                  PipelineTopology.Options.of(pipeline, new CurrentLabeler(labeler), metrics)
                      .withTeacher(
                          teacher,
                          new TeacherMetrics(
                              registry, pipeline.name(), "minilm", "cpu", teacher::cache))),
              StreamsSettings.defaults("teacher-version", "unused:9092", stateDir)
                  .toProperties(pipeline.output().deadLetterTopic(), metrics))) {
        TestInputTopic<byte[], byte[]> raw =
            driver.createInputTopic("raw", new ByteArraySerializer(), new ByteArraySerializer());
        TestOutputTopic<String, LabeledRecord> labeled =
            driver.createOutputTopic(
                "labeled",
                Serdes.String().deserializer(),
                PipelineTopics.of(pipeline).labeled().valueSerde().deserializer());
        RawRecord record =
            RawRecord.newBuilder()
                .setId("u1")
                .setEventTime(Instant.now())
                .setText("What a beautiful voice she has")
                .setAttributes(Map.of())
                .build();
        raw.pipeInput(
            "u1".getBytes(StandardCharsets.UTF_8),
            SingleObjectCodec.of(new RawRecord()).encode(record));

        LabeledRecord out = labeled.readValue();
        assertThat(out.getTeacherName()).isEqualTo("minilm");
        assertThat(labeler.swappedFrom.get()).isNotNull();
        assertThat(teacher.head().version())
            .as("the head was swapped while the record was combined")
            .isNotEqualTo(labeler.swappedFrom.get());
        assertThat(out.getTeacherVersion()).isEqualTo(labeler.swappedFrom.get());
      }
    }
  }
}
