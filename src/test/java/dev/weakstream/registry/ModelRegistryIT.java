package dev.weakstream.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weakstream.avro.ModelRelease;
import dev.weakstream.avro.ModelStatus;
import dev.weakstream.kafka.EmbeddedKafkaBroker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry on a real embedded broker: three versions of a 3 MB artifact, promotion behind the
 * gate, rollback, a corrupted chunk, and a follower started late.
 */
@Tag("integration")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ModelRegistryIT {

  private static final String MODEL = "student";
  private static final int ARTIFACT_BYTES = 3 * 1024 * 1024 + 12_345;

  @TempDir Path workDir;

  /** What a follower handed to its listener. */
  private record Delivery(ModelRelease release, byte[] artifact, long atNanos) {}

  private static final class RecordingListener implements ModelListener {
    final BlockingQueue<Delivery> active = new LinkedBlockingQueue<>();
    final BlockingQueue<ModelRelease> rejected = new LinkedBlockingQueue<>();

    @Override
    public void onActive(ModelRelease release, byte[] artifact) {
      active.add(new Delivery(release, artifact, System.nanoTime()));
    }

    @Override
    public void onRejected(ModelRelease release, ArtifactRejectedException error) {
      rejected.add(release);
    }
  }

  @Test
  void versionsArePromotedGatedRolledBackAndVerifiedBeforeLoading() throws Exception {
    String pipeline = "registry-it-" + UUID.randomUUID();
    byte[][] artifacts = {artifact(1), artifact(2), artifact(3)};
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(workDir.resolve("kafka"), 0)) {
      RegistrySettings settings = RegistrySettings.of(pipeline, broker.clients());
      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      RecordingListener first = new RecordingListener();
      List<Long> latenciesMs = new ArrayList<>();
      try (ModelRegistry registry = ModelRegistry.open(settings);
          ModelFollower follower = ModelFollower.start(settings, first, meters)) {
        assertThat(follower.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
        assertThat(first.active).isEmpty();

        ModelRelease v1 =
            registry.publish(
                ReleaseRequest.onnx(
                    MODEL,
                    artifacts[0],
                    Map.of("gold_f1", 0.80),
                    "gold_f1",
                    Map.of("seed", "1"),
                    null));
        assertThat(v1.getVersion()).isEqualTo(1);
        assertThat(v1.getStatus()).isEqualTo(ModelStatus.CANDIDATE);
        assertThat(v1.getChunkCount()).isEqualTo(7);
        assertThat(registry.fetchArtifact(v1)).isEqualTo(artifacts[0]);
        PromotionGate gate = PromotionGate.ofMargin(0.005);

        PromotionDecision d1 = registry.promote(MODEL, 1, gate);
        long promotedAt = System.nanoTime();
        assertThat(d1.promoted()).as(d1.reason()).isTrue();
        Delivery got1 = next(first);
        latenciesMs.add(TimeUnit.NANOSECONDS.toMillis(got1.atNanos() - promotedAt));
        assertThat(got1.release().getVersion()).isEqualTo(1);
        assertThat(got1.artifact()).isEqualTo(artifacts[0]);

        registry.publish(
            ReleaseRequest.onnx(
                MODEL, artifacts[1], Map.of("gold_f1", 0.85), "gold_f1", Map.of(), 1));
        PromotionDecision d2 = registry.promote(MODEL, 2, gate);
        promotedAt = System.nanoTime();
        assertThat(d2.promoted()).as(d2.reason()).isTrue();
        assertThat(d2.retired()).map(ModelRelease::getVersion).contains(1);
        Delivery got2 = next(first);
        latenciesMs.add(TimeUnit.NANOSECONDS.toMillis(got2.atNanos() - promotedAt));
        assertThat(got2.release().getVersion()).isEqualTo(2);
        assertThat(got2.artifact()).isEqualTo(artifacts[1]);

        registry.publish(
            ReleaseRequest.onnx(
                MODEL, artifacts[2], Map.of("gold_f1", 0.853), "gold_f1", Map.of(), 2));
        PromotionDecision d3 = registry.promote(MODEL, 3, gate);
        assertThat(d3.promoted()).isFalse();
        assertThat(d3.reason()).contains("does not beat active v2");
        assertThat(registry.show(MODEL, 3))
            .map(ModelRelease::getStatus)
            .contains(ModelStatus.CANDIDATE);
        assertThat(registry.active(MODEL)).map(ModelRelease::getVersion).contains(2);
        assertThat(first.active.poll(1, TimeUnit.SECONDS)).isNull();

        RollbackResult rollback = registry.rollback(MODEL);
        promotedAt = System.nanoTime();
        assertThat(rollback.retired().getVersion()).isEqualTo(2);
        assertThat(rollback.restored().getVersion()).isEqualTo(1);
        Delivery got3 = next(first);
        latenciesMs.add(TimeUnit.NANOSECONDS.toMillis(got3.atNanos() - promotedAt));
        assertThat(got3.release().getVersion()).isEqualTo(1);
        assertThat(got3.artifact()).isEqualTo(artifacts[0]);
        assertThat(registry.list())
            .extracting(ModelRelease::getVersion, ModelRelease::getStatus)
            .containsExactly(
                Tuple.tuple(1, ModelStatus.ACTIVE),
                Tuple.tuple(2, ModelStatus.RETIRED),
                Tuple.tuple(3, ModelStatus.CANDIDATE));
        System.out.println(
            "release -> listener latency (ms) after promote/promote/rollback returned: "
                + latenciesMs);
        assertThat(latenciesMs).allMatch(ms -> ms < 1_000);

        // A follower started later converges to the active version and is handed only that one.
        RecordingListener late = new RecordingListener();
        try (ModelFollower second =
            ModelFollower.start(settings, late, new SimpleMeterRegistry())) {
          assertThat(second.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
          assertThat(late.active).hasSize(1);
          Delivery lateGot = late.active.take();
          assertThat(lateGot.release().getVersion()).isEqualTo(1);
          assertThat(lateGot.artifact()).isEqualTo(artifacts[0]);
          assertThat(second.loaded(MODEL)).map(ModelRelease::getVersion).contains(1);
        }

        // A chunk of v3 rewritten under the same key: the checksum fails, the current model stays.
        try (KafkaProducer<String, byte[]> vandal =
            new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
          byte[] wrong = new byte[RegistrySettings.DEFAULT_CHUNK_BYTES];
          new Random(99).nextBytes(wrong);
          vandal
              .send(
                  new ProducerRecord<>(
                      settings.topics().artifacts().name(), 0, MODEL + "/3/1", wrong))
              .get();
        }
        ModelRelease v3 = registry.show(MODEL, 3).orElseThrow();
        ArtifactRejectedException direct =
            assertThrows(ArtifactRejectedException.class, () -> registry.fetchArtifact(v3));
        assertThat(direct.reason()).isEqualTo(RejectionReason.CHECKSUM_MISMATCH);
        assertThat(direct.getMessage()).contains("model student v3").contains("sha256 is");

        PromotionDecision forced = registry.forcePromote(MODEL, 3, "operator test");
        assertThat(forced.promoted()).isTrue();
        assertThat(first.rejected.poll(10, TimeUnit.SECONDS))
            .extracting(ModelRelease::getVersion)
            .isEqualTo(3);
        Counter rejected =
            meters
                .find("weakstream.model.artifact.rejected")
                .tags("model", MODEL, "reason", "checksum_mismatch")
                .counter();
        assertThat(rejected).isNotNull();
        assertThat(rejected.count()).isEqualTo(1.0);
        assertThat(first.active).isEmpty();
        assertThat(follower.loaded(MODEL)).map(ModelRelease::getVersion).contains(1);
        assertThat(meters.get("weakstream.model.active.version").gauge().value()).isEqualTo(1.0);
        assertThat(follower.failure()).isEmpty();
      }
    }
  }

  private static Delivery next(RecordingListener listener) throws InterruptedException {
    Delivery delivery = listener.active.poll(15, TimeUnit.SECONDS);
    assertThat(delivery).as("a delivery within 15 s").isNotNull();
    return delivery;
  }

  private static byte[] artifact(long seed) {
    byte[] bytes = new byte[ARTIFACT_BYTES];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
