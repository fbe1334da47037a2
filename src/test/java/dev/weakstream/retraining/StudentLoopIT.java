package dev.weakstream.retraining;

import static dev.weakstream.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.weakstream.avro.LabeledRecord;
import dev.weakstream.avro.ModelRelease;
import dev.weakstream.avro.ModelStatus;
import dev.weakstream.avro.RawRecord;
import dev.weakstream.avro.ShardKind;
import dev.weakstream.avro.ShardManifest;
import dev.weakstream.clients.PipelineOutputReader;
import dev.weakstream.clients.RawRecordProducer;
import dev.weakstream.clients.ShardAnnouncements;
import dev.weakstream.clients.StudentFollower;
import dev.weakstream.kafka.EmbeddedKafkaBroker;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.pipeline.PipelineLoader;
import dev.weakstream.pipeline.ShardPolicy;
import dev.weakstream.pipeline.StudentDefinition;
import dev.weakstream.pipeline.YoutubeSpamCorpus;
import dev.weakstream.registry.ModelRegistry;
import dev.weakstream.registry.RegistrySettings;
import dev.weakstream.stream.PipelineApplication;
import dev.weakstream.stream.PipelineComponents;
import dev.weakstream.stream.StreamsSettings;
import dev.weakstream.student.HashingConfig;
import dev.weakstream.student.LinearStudent;
import dev.weakstream.student.LiveStudentEvaluation;
import dev.weakstream.student.StudentMetadata;
import dev.weakstream.training.StudentExporter;
import dev.weakstream.training.TrainingProgress;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole student loop on a real embedded broker, as {@code weakstream run} wires it: the YouTube
 * pipeline's LFs (no teacher) label real comments (one in five with its gold label, the evaluation
 * set); the shard collector seals them into shards; a retraining round publishes and promotes a
 * student, the follower swaps it into the running stream and later records carry its scores; a
 * second round that cannot beat it (promotion margin 1.0) stays a candidate and is scored in
 * shadow; a deliberately bad student force-promoted is rolled back automatically once its agreement
 * window fills, and the stream swaps back. Every produced id comes out of the labeled topic exactly
 * once across all of it.
 */
@Tag("integration")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class StudentLoopIT {

  private static final Duration WAIT = Duration.ofSeconds(90);

  /**
   * Between a good student's agreement with the label model and a student that always says the
   * minority class.
   */
  private static final double ROLLBACK_AGREEMENT = 0.75;

  @TempDir Path workDir;

  private final List<YoutubeSpamCorpus.Comment> corpus = YoutubeSpamCorpus.readAll();
  private int next;

  @Test
  void retrainsPromotesSwapsShadowsAndRollsBackWithEveryRecordLabeledOnce() throws Exception {
    PipelineDefinition loaded = PipelineLoader.load(Path.of("topology/youtube-spam.yaml"));
    StudentDefinition d = StudentDefinition.defaults();
    PipelineDefinition pipeline =
        loaded
            .withoutTeachers()
            .withShards(new ShardPolicy(0.0, false, 0, 150, Duration.ofSeconds(2), 0, null))
            .withStudent(
                new StudentDefinition(
                    StudentDefinition.Features.HASHED,
                    16,
                    42L,
                    0,
                    1,
                    null,
                    1.0,
                    ROLLBACK_AGREEMENT,
                    d.skipTeacherConfidence()));
    String name = StudentFollower.modelName(pipeline.name());
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(workDir.resolve("kafka"), 0)) {
      String bootstrap = broker.bootstrapServers();
      StreamsSettings settings =
          StreamsSettings.defaults(
              "student-loop-it-" + UUID.randomUUID(), bootstrap, workDir.resolve("state"));
      try (PipelineApplication app =
              PipelineApplication.start(
                  PipelineComponents.assemble(pipeline, settings, meters), Duration.ofSeconds(60));
          StudentLoop loop =
              StudentLoop.start(
                  pipeline, app, broker.clients(), workDir, meters, false, true, o -> {});
          RawRecordProducer producer = new RawRecordProducer(pipeline, broker.clients());
          ModelRegistry registry =
              ModelRegistry.open(RegistrySettings.of(pipeline.name(), broker.clients()))) {
        PipelineOutputReader reader = new PipelineOutputReader(pipeline, broker.clients());

        // A: no student yet; everything is labeled and sealed into shards
        List<String> a = produce(producer, 700);
        awaitSealed(loop, reader, pipeline, a.size());
        assertThat(app.components().student().students().hasActive()).isFalse();
        Set<String> shardsOfV1 = shardIds(loop);

        // the first round: v1, promoted (nothing active), swapped in
        StudentRetraining.Outcome first = loop.retrainNow(TrainingProgress.NONE);
        assertThat(first.release().getVersion()).isEqualTo(1);
        assertThat(first.decision().promoted()).as(first.decision().reason()).isTrue();
        assertThat(first.decision().reason()).startsWith("no active version");
        assertThat(first.shards()).isEqualTo(shardsOfV1.size());
        assertThat(first.trainRows() + first.goldRows()).isEqualTo(a.size());
        awaitServing(app, name + " 1");
        assertThat(app.components().student().students().hasCandidate())
            .as("v1 left the shadow slot when it became active")
            .isFalse();

        // B: scored by v1, no candidate
        List<String> b = produce(producer, 300);
        awaitSealed(loop, reader, pipeline, a.size() + b.size());
        assertThat(
                app.components()
                    .student()
                    .evaluation()
                    .version(LiveStudentEvaluation.Role.CANDIDATE))
            .as("nothing scored in shadow while v1 is the only version")
            .isNull();

        // the second round cannot beat v1 by the margin 1.0: v2 stays a candidate, scored in shadow
        StudentRetraining.Outcome second = loop.retrainNow(TrainingProgress.NONE);
        assertThat(second.release().getVersion()).isEqualTo(2);
        assertThat(second.decision().promoted()).isFalse();
        assertThat(second.decision().reason())
            .contains("does not beat active v1")
            .contains("margin 1.0000");
        assertThat(registry.show(name, 2).orElseThrow().getStatus())
            .isEqualTo(ModelStatus.CANDIDATE);
        assertThat(registry.active(name).orElseThrow().getVersion()).isEqualTo(1);
        await(
            () -> app.components().student().students().hasCandidate(),
            "candidate v2 loaded in the shadow slot");

        // C: still scored by v1, and by v2 in shadow
        List<String> c = produce(producer, 300);
        Map<String, LabeledRecord> byId = readAll(reader, a.size() + b.size() + c.size());
        LiveStudentEvaluation evaluation = app.components().student().evaluation();
        assertThat(evaluation.version(LiveStudentEvaluation.Role.CANDIDATE)).isEqualTo("2");
        assertThat(evaluation.scored(LiveStudentEvaluation.Role.CANDIDATE))
            .isGreaterThanOrEqualTo(c.size());
        assertThat(evaluation.version(LiveStudentEvaluation.Role.ACTIVE)).isEqualTo("1");
        double goodAgreement = evaluation.agreement(LiveStudentEvaluation.Role.ACTIVE);
        assertThat(evaluation.scored(LiveStudentEvaluation.Role.ACTIVE))
            .as("v1's agreement window is full")
            .isGreaterThanOrEqualTo(LiveStudentEvaluation.DEFAULT_WINDOW);
        assertThat(goodAgreement)
            .as("v1 agrees with the label model")
            .isGreaterThan(ROLLBACK_AGREEMENT);
        assertThat(lowAgreementAlerts(meters)).isZero();

        for (String id : a) {
          assertThat(byId.get(id).getStudentName()).as("no student before v1").isNull();
          assertThat(byId.get(id).getStudentProbabilities()).isNull();
        }
        for (String id : concat(b, c)) {
          LabeledRecord r = byId.get(id);
          assertThat(r.getStudentName()).isEqualTo(name);
          assertThat(r.getStudentVersion()).isEqualTo("1");
          List<Double> p = r.getStudentProbabilities();
          assertThat(p).hasSize(2);
          assertThat(p.get(0) + p.get(1)).isCloseTo(1.0, within(1e-5));
          assertThat(r.getStudentLabel()).isEqualTo(p.get(1) > p.get(0) ? 1 : 0);
        }
        long agreeing =
            concat(b, c).stream()
                .map(byId::get)
                .filter(r -> r.getStudentLabel() == r.getLabel())
                .count();
        assertThat(agreeing)
            .as("a trained student mostly agrees with the labels it learned from")
            .isGreaterThan((long) (0.75 * (b.size() + c.size())));

        // the artifacts carry their provenance
        assertProvenance(registry, registry.show(name, 1).orElseThrow(), first, shardsOfV1);
        ModelRelease v2 = registry.show(name, 2).orElseThrow();
        assertThat(StudentExporter.readMetadata(registry.fetchArtifact(v2)).version())
            .isEqualTo("2");
        assertThat(v2.getParentVersion()).isEqualTo(1);

        // D: a student that always says the minority class, forced in, rolled back once its window
        // fills
        long spam = byId.values().stream().filter(r -> r.getLabel() == 1).count();
        int minority = spam * 2 < byId.size() ? 1 : 0;
        ModelRelease bad =
            registry.publish(name, alwaysSays(minority, name), Map.of(), Map.of("test", "bad"), 1);
        assertThat(bad.getVersion()).isEqualTo(3);
        registry.forcePromote(name, 3, "a bad student, to be rolled back");
        awaitServing(app, name + " 3");
        assertThat(app.components().student().students().hasCandidate())
            .as("v3 is active, not a candidate")
            .isFalse();
        List<String> dRecords = produce(producer, LiveStudentEvaluation.DEFAULT_WINDOW + 150);
        await(
            () -> registry.active(name).map(ModelRelease::getVersion).orElse(0) == 1,
            "rollback to v1");
        ModelRelease retired = registry.show(name, 3).orElseThrow();
        assertThat(retired.getStatus()).isEqualTo(ModelStatus.RETIRED);
        assertThat(retired.getStatusReason()).isEqualTo("rolled back to v1");
        awaitServing(app, name + " 1");
        assertThat(app.components().student().students().hasCandidate())
            .as("the retired v3 is not scored in shadow")
            .isFalse();
        assertThat(lowAgreementAlerts(meters))
            .as("only v3 fell below " + ROLLBACK_AGREEMENT)
            .isEqualTo(1);

        // E: v1 again
        List<String> e = produce(producer, 150);
        List<String> all = concat(concat(concat(a, b), concat(c, dRecords)), e);
        PipelineOutputReader.Output output =
            reader.readUntil(all.size(), WAIT, Duration.ofSeconds(3), n -> {});
        Map<String, Long> counts =
            output.labeled().stream()
                .collect(Collectors.groupingBy(r -> r.getId().toString(), Collectors.counting()));
        assertThat(counts.keySet()).isEqualTo(new HashSet<>(all));
        assertThat(counts.values()).allMatch(n -> n == 1);
        assertThat(output.deadLetters()).isEmpty();
        byId =
            output.labeled().stream()
                .collect(Collectors.toMap(r -> r.getId().toString(), Function.identity()));
        long byBad = 0;
        for (String id : dRecords) {
          LabeledRecord r = byId.get(id);
          assertThat(r.getStudentVersion()).isIn("3", "1");
          if (r.getStudentVersion().equals("3")) {
            byBad++;
            assertThat(r.getStudentLabel()).isEqualTo(minority);
          }
        }
        assertThat(byBad)
            .as("v3 scored its whole window before the rollback")
            .isGreaterThanOrEqualTo(LiveStudentEvaluation.DEFAULT_WINDOW);
        for (String id : e) {
          assertThat(byId.get(id).getStudentVersion()).as("swapped back to v1").isEqualTo("1");
        }
      }
    }
  }

  @Test
  @SuppressWarnings("try") // the loop is held open for its side effects: it retrains on its own
  void retrainsOnItsOwnAsTheShardsTopicAnnouncesSealedShards() throws Exception {
    StudentDefinition d = StudentDefinition.defaults();
    PipelineDefinition pipeline =
        PipelineLoader.load(Path.of("topology/youtube-spam.yaml"))
            .withoutTeachers()
            .withShards(new ShardPolicy(0.0, false, 0, 100, Duration.ofSeconds(2), 0, null))
            .withStudent(
                new StudentDefinition(
                    d.features(),
                    16,
                    42L,
                    0,
                    2,
                    null,
                    d.promotionMargin(),
                    0,
                    d.skipTeacherConfidence()));
    String name = StudentFollower.modelName(pipeline.name());
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(workDir.resolve("kafka"), 0)) {
      StreamsSettings settings =
          StreamsSettings.defaults(
              "scheduled-loop-it-" + UUID.randomUUID(), broker.clients(), workDir.resolve("state"));
      try (PipelineApplication app =
              PipelineApplication.start(
                  PipelineComponents.assemble(pipeline, settings, meters), Duration.ofSeconds(60));
          StudentLoop loop =
              StudentLoop.start(
                  pipeline, app, broker.clients(), workDir, meters, true, true, o -> {});
          RawRecordProducer producer = new RawRecordProducer(pipeline, broker.clients());
          ModelRegistry registry =
              ModelRegistry.open(RegistrySettings.of(pipeline.name(), broker.clients()))) {
        produce(producer, 400);
        // The first round may come before any gold shard is sealed and be kept (no gate metric):
        // whichever version the schedule got promoted is the one served.
        await(() -> registry.active(name).isPresent(), "a student trained by the schedule");
        ModelRelease active = registry.active(name).orElseThrow();
        awaitServing(app, name + " " + active.getVersion());
        Set<String> announced =
            ShardAnnouncements.live(pipeline, broker.clients(), WAIT).stream()
                .map(m -> m.getShardId().toString())
                .collect(Collectors.toSet());
        String trainedOn = active.getProvenance().get("shards");
        assertThat(Set.of(trainedOn.split(",")))
            .as("the active student trained on shards the topic announced")
            .isSubsetOf(announced)
            .hasSizeGreaterThanOrEqualTo(2);
        assertThat(
                meters
                    .get("weakstream.student.retrain.rounds")
                    .tag("outcome", "promoted")
                    .counter()
                    .count())
            .isGreaterThanOrEqualTo(1);
      }
    }
  }

  /** Checks what v1's ONNX {@code metadata_props} say against what the round reported. */
  private static void assertProvenance(
      ModelRegistry registry,
      ModelRelease v1,
      StudentRetraining.Outcome first,
      Set<String> shards) {
    byte[] artifact = registry.fetchArtifact(v1);
    StudentMetadata metadata = StudentExporter.readMetadata(artifact);
    assertThat(metadata.name()).isEqualTo(v1.getName().toString());
    assertThat(metadata.version()).isEqualTo("1");
    assertThat(metadata.classNames()).containsExactly("HAM", "SPAM");
    Map<String, String> props = StudentExporter.metadataProps(artifact);
    String p = StudentMetadata.PROVENANCE_PREFIX;
    assertThat(Set.of(props.get(p + "shards").split(","))).isEqualTo(shards);
    assertThat(props.get(p + "code.version"))
        .isNotBlank()
        .isEqualTo(StudentRetraining.codeVersion());
    assertThat(props.get(p + "pipeline")).isEqualTo("youtube-spam");
    assertThat(props.get(p + "trainer.seed")).isEqualTo("42");
    assertThat(props.get(p + "lf_set.versions")).isNotBlank();
    assertThat(Integer.parseInt(props.get(p + "gold.rows")))
        .isEqualTo(first.goldRows())
        .isPositive();
    assertThat(Integer.parseInt(props.get(p + "train.rows"))).isEqualTo(first.trainRows());
    double goldAccuracy = Double.parseDouble(props.get(p + "gold.accuracy"));
    assertThat(goldAccuracy)
        .isEqualTo(first.training().goldAccuracy())
        .isEqualTo(v1.getMetrics().get(StudentRetraining.ACCURACY))
        .isBetween(0.5, 1.0);
    assertThat(v1.getProvenance()).containsEntry("shards", props.get(p + "shards"));
  }

  /** A hashed student whose logits ignore the text and always favour {@code label}. */
  private static byte[] alwaysSays(int label, String name) {
    HashingConfig hashing = new HashingConfig(4, 1, 1, 0, 0);
    float[] bias = label == 1 ? new float[] {-4, 4} : new float[] {4, -4};
    LinearStudent student =
        new LinearStudent(
            StudentDefinition.Features.HASHED.key(),
            List.of("HAM", "SPAM"),
            hashing,
            0,
            new float[hashing.dimension() * 2],
            new float[0],
            bias,
            Map.of("purpose", "rollback test"));
    return StudentExporter.toOnnx(student, name, "bad");
  }

  /**
   * Produces the next {@code n} comments of the corpus (cycling) under fresh ids; every fifth keeps
   * its gold.
   */
  private List<String> produce(RawRecordProducer producer, int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++, next++) {
      YoutubeSpamCorpus.Comment c = corpus.get(next % corpus.size());
      String id = "c" + next;
      producer.send(
          RawRecord.newBuilder()
              .setId(id)
              .setEventTime(Instant.now())
              .setText(c.record().text())
              .setAttributes(Map.of("AUTHOR", c.record().attributes().get("AUTHOR")))
              .setGoldLabel(next % 5 == 0 ? c.gold() : null)
              .build());
      ids.add(id);
    }
    producer.flush();
    return ids;
  }

  /** Waits until {@code total} records are labeled and every one of them is in a sealed shard. */
  private static void awaitSealed(
      StudentLoop loop, PipelineOutputReader reader, PipelineDefinition pipeline, long total)
      throws Exception {
    reader.readUntil(total, WAIT, Duration.ZERO, n -> {});
    await(() -> sealedRecords(loop) == total, total + " records sealed into shards");
  }

  private static long sealedRecords(StudentLoop loop) throws Exception {
    long n = 0;
    for (ShardKind kind : ShardKind.values()) {
      n += loop.store().manifests(kind).stream().mapToLong(ShardManifest::getRecordCount).sum();
    }
    return n;
  }

  private static Set<String> shardIds(StudentLoop loop) throws Exception {
    return loop.store().manifests(ShardKind.TRAINING).stream()
        .map(m -> m.getShardId().toString())
        .collect(Collectors.toSet());
  }

  private static Map<String, LabeledRecord> readAll(PipelineOutputReader reader, long total) {
    return reader.readUntil(total, WAIT, Duration.ZERO, n -> {}).labeled().stream()
        .collect(Collectors.toMap(r -> r.getId().toString(), Function.identity()));
  }

  private static void awaitServing(PipelineApplication app, String nameAndVersion)
      throws Exception {
    await(
        () -> nameAndVersion.equals(app.components().student().students().describeActive()),
        nameAndVersion + " serving");
  }

  private static double lowAgreementAlerts(SimpleMeterRegistry meters) {
    return meters.get("weakstream.student.low.agreement").counter().count();
  }

  private static <T> List<T> concat(List<T> x, List<T> y) {
    List<T> all = new ArrayList<>(x);
    all.addAll(y);
    return all;
  }
}
