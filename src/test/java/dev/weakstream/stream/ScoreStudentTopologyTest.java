package dev.weakstream.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.weakstream.avro.LabeledRecord;
import dev.weakstream.avro.RawRecord;
import dev.weakstream.codec.SingleObjectCodec;
import dev.weakstream.core.MajorityVote;
import dev.weakstream.kafka.PipelineTopics;
import dev.weakstream.metrics.PipelineMetrics;
import dev.weakstream.metrics.TeacherMetrics;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.student.HashedFeaturizer;
import dev.weakstream.student.LinearStudent;
import dev.weakstream.student.OnnxStudent;
import dev.weakstream.student.RandomStudents;
import dev.weakstream.training.StudentExporter;
import dev.weakstream.wrench.WrenchDataset;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The student in the production topology, served by a real {@link OnnxStudent} exported by {@link
 * StudentExporter}: its fields on the labeled records, a hot swap mid-stream, shadow evaluation of
 * a candidate, and the teacher skipped where the student is confident and agrees with the LFs'
 * majority.
 */
class ScoreStudentTopologyTest {

  private static final List<String> CLASSES = List.of("HAM", "SPAM");
  private static List<String> texts;

  @TempDir Path stateDir;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final SingleObjectCodec<RawRecord> rawCodec = SingleObjectCodec.of(new RawRecord());
  private final List<String> lowAgreement = new ArrayList<>();
  private TopologyTestDriver driver;
  private StreamStudent student;
  private StreamTeacher teacher;
  private TestInputTopic<byte[], byte[]> raw;
  private TestOutputTopic<String, LabeledRecord> labeled;

  @BeforeAll
  static void loadTexts() {
    texts =
        WrenchDataset.load(Path.of("src/test/resources/wrench/youtube")).test().rows().stream()
            .map(WrenchDataset.Row::text)
            .filter(t -> t.length() <= 200)
            .limit(60)
            .toList(); // the test pipeline's limit
  }

  private void start(PipelineDefinition pipeline) {
    PipelineMetrics metrics = PipelineMetrics.of(registry, pipeline);
    student =
        StreamStudent.create(
            pipeline, registry, (name, version, agreement, window) -> lowAgreement.add(version));
    PipelineTopology.Options options =
        PipelineTopology.Options.of(pipeline, new CurrentLabeler(new MajorityVote(2)), metrics)
            .withStudent(student);
    if (!pipeline.teachers().isEmpty()) {
      teacher = StreamTeachers.open(pipeline, 1);
      options =
          options.withTeacher(
              teacher,
              new TeacherMetrics(registry, pipeline.name(), "minilm", "cpu", teacher::cache));
    }
    Topology topology = PipelineTopology.build(options);
    assertThat(topology.describe().toString()).contains("score-student");
    Properties props =
        StreamsSettings.defaults("student-test", "unused:9092", stateDir)
            .toProperties(pipeline.output().deadLetterTopic(), metrics);
    driver = new TopologyTestDriver(topology, props);
    raw = driver.createInputTopic("raw", new ByteArraySerializer(), new ByteArraySerializer());
    labeled =
        driver.createOutputTopic(
            "labeled",
            Serdes.String().deserializer(),
            PipelineTopics.of(pipeline).labeled().valueSerde().deserializer());
  }

  @AfterEach
  void tearDown() {
    if (driver != null) {
      driver.close();
    }
    student.close();
    if (teacher != null) {
      teacher.close();
    }
  }

  private void send(String id, String text, Integer gold) {
    RawRecord record =
        RawRecord.newBuilder()
            .setId(id)
            .setEventTime(Instant.now())
            .setText(text)
            .setAttributes(Map.of())
            .setGoldLabel(gold)
            .build();
    raw.pipeInput(id.getBytes(StandardCharsets.UTF_8), rawCodec.encode(record));
  }

  private static OnnxStudent onnx(LinearStudent model, String version) {
    return OnnxStudent.open(StudentExporter.toOnnx(model, "yt-student", version), 1, 2);
  }

  /** A student that says SPAM with probability ~1 for every text. */
  private static LinearStudent confidentSpam() {
    LinearStudent r = RandomStudents.of(3, CLASSES, true, 0, 0.0);
    return new LinearStudent(
        r.kind(),
        r.classNames(),
        r.hashing(),
        0,
        r.sparseWeights(),
        r.denseWeights(),
        new float[] {-8f, 8f},
        r.provenance());
  }

  @Test
  void recordsCarryTheActiveStudentsScoreAndNoneBeforeOneIsActive() {
    start(TestPipelines.spamWithStudent(2.0));
    send("before", texts.get(0), null);
    LabeledRecord before = labeled.readValue();
    assertThat(before.getStudentName()).isNull();
    assertThat(before.getStudentProbabilities()).isNull();

    LinearStudent model = RandomStudents.of(21, CLASSES, true, 0, 1.0);
    student.students().swap(onnx(model, "1"));
    HashedFeaturizer featurizer = new HashedFeaturizer(model.hashing());
    for (int i = 0; i < texts.size(); i++) {
      send("r" + i, texts.get(i), null);
    }
    List<LabeledRecord> out = labeled.readValuesToList();
    assertThat(out).hasSize(texts.size());
    for (int i = 0; i < out.size(); i++) {
      LabeledRecord r = out.get(i);
      double[] expected = model.predict(featurizer.featurize(texts.get(i)), null);
      assertThat(r.getStudentName()).isEqualTo("yt-student");
      assertThat(r.getStudentVersion()).isEqualTo("1");
      assertThat(r.getStudentProbabilities().get(1)).isCloseTo(expected[1], within(1e-5));
      assertThat(r.getStudentLabel()).isEqualTo(expected[1] > expected[0] ? 1 : 0);
    }
    assertThat(out)
        .extracting(LabeledRecord::getStudentLabel)
        .as("a random student is not constant")
        .contains(0, 1);
    assertThat(registry.get("weakstream.student.swap.first.use").timer().count()).isEqualTo(1);
  }

  @Test
  void aSwapMidStreamChangesTheVersionLosesNoRecordAndClosesTheOldModel() {
    start(TestPipelines.spamWithStudent(2.0));
    student.students().swap(onnx(RandomStudents.of(31, CLASSES, true, 0, 1.0), "1"));
    for (int i = 0; i < texts.size(); i++) {
      if (i == 25) {
        student.students().swap(onnx(RandomStudents.of(32, CLASSES, true, 0, 1.0), "2"));
      }
      send("r" + i, texts.get(i), null);
    }
    List<LabeledRecord> out = labeled.readValuesToList();
    assertThat(out)
        .extracting(LabeledRecord::getId)
        .containsExactlyElementsOf(
            IntStream.range(0, texts.size()).mapToObj(i -> "r" + i).toList());
    assertThat(out.subList(0, 25))
        .allSatisfy(r -> assertThat(r.getStudentVersion()).isEqualTo("1"));
    assertThat(out.subList(25, out.size()))
        .allSatisfy(r -> assertThat(r.getStudentVersion()).isEqualTo("2"));
    assertThat(registry.get("weakstream.student.closed").counter().count()).isEqualTo(1);
    assertThat(registry.get("weakstream.student.swaps").counter().count()).isEqualTo(2);
  }

  @Test
  void aCandidateIsEvaluatedInShadowAgainstTheLabelAndGold() {
    start(TestPipelines.spamWithStudent(2.0));
    student.students().swap(onnx(confidentSpam(), "1"));
    student.students().setCandidate(onnx(RandomStudents.of(41, CLASSES, true, 0, 1.0), "2"));
    // LF "subscribe" votes SPAM, "song" votes HAM: the always-SPAM student agrees with the first
    // only
    for (int i = 0; i < 10; i++) {
      send("s" + i, "subscribe to my channel " + i, 1);
      send("h" + i, "what a song " + i, 0);
    }
    List<LabeledRecord> out = labeled.readValuesToList();
    assertThat(out).hasSize(20).allSatisfy(r -> assertThat(r.getStudentVersion()).isEqualTo("1"));
    assertThat(registry.get("weakstream.student.agreement").tag("role", "active").gauge().value())
        .isCloseTo(0.5, within(1e-9));
    assertThat(
            registry.get("weakstream.student.gold.accuracy").tag("role", "active").gauge().value())
        .isCloseTo(0.5, within(1e-9));
    assertThat(
            registry
                .get("weakstream.student.scored")
                .tag("role", "candidate")
                .functionCounter()
                .count())
        .isEqualTo(20);
    assertThat(
            registry
                .get("weakstream.student.gold.accuracy")
                .tag("role", "candidate")
                .gauge()
                .value())
        .isBetween(0.0, 1.0);
  }

  @Test
  void theTeacherIsSkippedWhereTheStudentIsConfidentAndAgreesWithTheLfMajority() {
    start(TestPipelines.spamWithTeacherAlwaysAndStudent(0.9));
    student.students().swap(onnx(confidentSpam(), "1"));
    send("agrees", "subscribe to my channel", null); // LF SPAM, student SPAM: skipped
    send("uncovered", "check out my new video", null); // no votes, student SPAM: skipped
    send("majority", "subscribe http://x.y song", null); // SPAM, SPAM vs HAM, student SPAM: skipped
    List<LabeledRecord> skipped = labeled.readValuesToList();
    assertThat(skipped)
        .extracting(LabeledRecord::getId)
        .containsExactly("agrees", "uncovered", "majority");
    assertThat(skipped)
        .allSatisfy(
            r -> {
              assertThat(r.getTeacherName()).isNull();
              assertThat(r.getStudentLabel()).isEqualTo(1);
            });
    assertThat(registry.get("weakstream.teacher.skips").tag("reason", "student").counter().count())
        .isEqualTo(3);

    // a tie (SPAM vs HAM) or a HAM majority against the student: the teacher is asked (a batch of 3
    // fills)
    send("d1", "I love this song", null);
    send("d2", "subscribe, great song", null);
    assertThat(labeled.isEmpty()).isTrue();
    send("d3", "what a song", null);
    List<LabeledRecord> taught = labeled.readValuesToList();
    assertThat(taught).extracting(LabeledRecord::getId).containsExactly("d1", "d2", "d3");
    assertThat(taught)
        .allSatisfy(
            r -> {
              assertThat(r.getTeacherName()).isEqualTo("minilm");
              assertThat(r.getStudentVersion())
                  .as("the score survives the teacher's pending store")
                  .isEqualTo("1");
            });
    assertThat(registry.get("weakstream.teacher.calls").counter().count()).isEqualTo(1);
  }

  @Test
  void anUnsureStudentDoesNotStandInForTheTeacher() {
    start(TestPipelines.spamWithTeacherAlwaysAndStudent(0.9));
    student.students().swap(onnx(RandomStudents.of(51, CLASSES, true, 0, 0.0), "1")); // ~0.5/0.5
    for (String id : List.of("a", "b", "c")) {
      send(id, "subscribe to my channel " + id, null);
    }
    assertThat(labeled.readValuesToList())
        .allSatisfy(r -> assertThat(r.getTeacherName()).isEqualTo("minilm"));
    assertThat(registry.find("weakstream.teacher.skips").tag("reason", "student").counter())
        .isNull();
  }
}
