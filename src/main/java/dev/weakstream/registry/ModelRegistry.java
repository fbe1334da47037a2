package dev.weakstream.registry;

import dev.weakstream.avro.ModelRelease;
import dev.weakstream.avro.ModelStatus;
import dev.weakstream.kafka.ModelTopics;
import dev.weakstream.kafka.PipelineTopics;
import dev.weakstream.kafka.TopicReader;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client API of a pipeline's model registry: publish a version (artifact chunks, then its
 * release, in one Kafka transaction), list and show versions, promote a candidate behind a {@link
 * PromotionGate}, roll back, and fetch a verified artifact.
 *
 * <p>Every write reads the whole models topic and writes inside one transaction under the
 * pipeline's registry transactional id, so two writers of the same pipeline cannot interleave: the
 * later one fences the earlier, which fails with a clear error instead of acting on a stale view.
 * Within a transaction the old active version is retired before the new one is activated, so a
 * reader never sees two ACTIVE versions of a name.
 *
 * <p>Thread-safe (methods are synchronized). Owns its consumers; {@link #close()} (idempotent)
 * closes them. A producer lives only for the duration of one write.
 */
public final class ModelRegistry implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

  private final RegistrySettings settings;
  private final ModelTopics topics;
  private final TopicPartition modelsPartition;
  private final TopicReader<String, ModelRelease> models;
  private final ArtifactReader artifacts;

  /**
   * Offset of the last release this registry wrote: reads wait until the topic has it (read your
   * writes).
   */
  private long lastWrittenOffset = -1;

  private boolean closed;

  private ModelRegistry(RegistrySettings settings) {
    this.settings = settings;
    this.topics = settings.topics();
    this.modelsPartition = new TopicPartition(topics.models().name(), 0);
    this.models = RegistryClients.reader(settings, topics.models(), "registry");
    this.artifacts = new ArtifactReader(settings, "registry-artifacts");
  }

  /** Connects to the registry of {@code settings.pipeline()}, creating its two topics if absent. */
  public static ModelRegistry open(RegistrySettings settings) {
    PipelineTopics.create(settings.clients(), settings.topics().all(), settings.timeout());
    return new ModelRegistry(settings);
  }

  public RegistrySettings settings() {
    return settings;
  }

  /** Publishes an ONNX artifact as a new CANDIDATE version without a default gate metric. */
  public ModelRelease publish(
      String name,
      byte[] artifact,
      Map<String, Double> metrics,
      Map<String, String> provenance,
      Integer parentVersion) {
    return publish(ReleaseRequest.onnx(name, artifact, metrics, null, provenance, parentVersion));
  }

  /**
   * Publishes a new CANDIDATE version: the next version number of the name, the artifact in chunks,
   * then the release, all in one transaction (a reader never sees the release without its chunks).
   *
   * @return the release as written
   * @throws IllegalArgumentException if the parent version does not exist
   */
  public synchronized ModelRelease publish(ReleaseRequest request) {
    checkOpen();
    return transact(
        (table, producer) -> {
          if (request.parentVersion() != null
              && table.get(request.name(), request.parentVersion()).isEmpty()) {
            throw new IllegalArgumentException(
                "model "
                    + request.name()
                    + " has no version "
                    + request.parentVersion()
                    + " to be the parent");
          }
          return writeRelease(table, producer, request);
        });
  }

  /**
   * As {@link #publish(ReleaseRequest)}, for an artifact that records its own version (an ONNX
   * model's metadata): {@code artifactFor} is given the version number this release gets, inside
   * the same transaction, so the artifact and the registry always agree on it.
   */
  public synchronized ModelRelease publish(
      String name,
      IntFunction<byte[]> artifactFor,
      Map<String, Double> metrics,
      String gateMetric,
      Map<String, String> provenance,
      Integer parentVersion) {
    checkOpen();
    return transact(
        (table, producer) -> {
          ReleaseRequest request =
              ReleaseRequest.onnx(
                  name,
                  artifactFor.apply(table.nextVersion(name)),
                  metrics,
                  gateMetric,
                  provenance,
                  parentVersion);
          if (parentVersion != null && table.get(name, parentVersion).isEmpty()) {
            throw new IllegalArgumentException(
                "model " + name + " has no version " + parentVersion + " to be the parent");
          }
          return writeRelease(table, producer, request);
        });
  }

  /** Every version of every model, by name then version. */
  public synchronized List<ModelRelease> list() {
    checkOpen();
    return readTable().all();
  }

  /** The names of the models in the registry. */
  public synchronized List<String> names() {
    checkOpen();
    return readTable().names();
  }

  public synchronized Optional<ModelRelease> show(String name, int version) {
    checkOpen();
    return readTable().get(name, version);
  }

  public synchronized Optional<ModelRelease> active(String name) {
    checkOpen();
    return readTable().active(name);
  }

  /**
   * Makes {@code version} of {@code name} ACTIVE if it passes {@code gate}; the previous active
   * version becomes RETIRED. A version that fails the gate is left as it was.
   *
   * @throws IllegalArgumentException if the version does not exist
   */
  public synchronized PromotionDecision promote(String name, int version, PromotionGate gate) {
    checkOpen();
    return transact(
        (table, producer) -> {
          ModelRelease candidate = existing(table, name, version);
          ModelRelease active = table.active(name).orElse(null);
          if (candidate.getStatus() == ModelStatus.ACTIVE) {
            return new PromotionDecision(
                false, "v" + version + " is already active", candidate, Optional.empty());
          }
          PromotionGate.Verdict verdict = gate.evaluate(candidate, active);
          if (!verdict.pass()) {
            return new PromotionDecision(false, verdict.reason(), candidate, Optional.empty());
          }
          return activate(producer, candidate, active, "promoted", verdict.reason());
        });
  }

  /**
   * Makes {@code version} ACTIVE without a gate (an operator's decision); the old active becomes
   * RETIRED.
   */
  public synchronized PromotionDecision forcePromote(String name, int version, String why) {
    checkOpen();
    return transact(
        (table, producer) -> {
          ModelRelease candidate = existing(table, name, version);
          if (candidate.getStatus() == ModelStatus.ACTIVE) {
            return new PromotionDecision(
                false, "v" + version + " is already active", candidate, Optional.empty());
          }
          return activate(producer, candidate, table.active(name).orElse(null), "forced", why);
        });
  }

  /**
   * Retires the active version of {@code name} and re-activates the one it replaced (or, if it
   * replaced none, its parent).
   *
   * @throws IllegalStateException if there is no active version or nothing to roll back to
   */
  public synchronized RollbackResult rollback(String name) {
    checkOpen();
    return transact(
        (table, producer) -> {
          ModelRelease active =
              table
                  .active(name)
                  .orElseThrow(
                      () ->
                          new IllegalStateException(
                              "model " + name + " has no active version to roll back"));
          Integer target =
              active.getReplacedVersion() != null
                  ? active.getReplacedVersion()
                  : active.getParentVersion();
          if (target == null
              || target == active.getVersion()
              || table.get(name, target).isEmpty()) {
            throw new IllegalStateException(
                "model "
                    + name
                    + " v"
                    + active.getVersion()
                    + " replaced no earlier version and has no parent: nothing to roll back to");
          }
          Instant now = now();
          ModelRelease retired =
              ModelRelease.newBuilder(active)
                  .setStatus(ModelStatus.RETIRED)
                  .setStatusReason("rolled back to v" + target)
                  .setUpdatedAt(now)
                  .build();
          ModelRelease restored =
              ModelRelease.newBuilder(table.get(name, target).get())
                  .setStatus(ModelStatus.ACTIVE)
                  .setStatusReason("restored by rollback from v" + active.getVersion())
                  .setActivatedAtMillis(now.toEpochMilli())
                  .setUpdatedAt(now)
                  .build();
          send(producer, retired);
          send(producer, restored);
          return new RollbackResult(retired, restored);
        });
  }

  /**
   * The artifact of {@code release}, read from the chunk topic and verified.
   *
   * @throws ArtifactRejectedException if a chunk is missing or the bytes do not match the SHA-256
   */
  public synchronized byte[] fetchArtifact(ModelRelease release) {
    checkOpen();
    return artifacts.fetch(release);
  }

  private PromotionDecision activate(
      KafkaProducer<String, byte[]> producer,
      ModelRelease candidate,
      ModelRelease active,
      String how,
      String reason) {
    Instant now = now();
    ModelRelease retired = null;
    if (active != null) {
      retired =
          ModelRelease.newBuilder(active)
              .setStatus(ModelStatus.RETIRED)
              .setStatusReason("replaced by v" + candidate.getVersion())
              .setUpdatedAt(now)
              .build();
      send(producer, retired); // first: readers never see two ACTIVE versions
    }
    ModelRelease activated =
        ModelRelease.newBuilder(candidate)
            .setStatus(ModelStatus.ACTIVE)
            .setStatusReason(how + ": " + reason)
            .setReplacedVersion(active == null ? null : active.getVersion())
            .setActivatedAtMillis(now.toEpochMilli())
            .setUpdatedAt(now)
            .build();
    send(producer, activated);
    return new PromotionDecision(true, reason, activated, Optional.ofNullable(retired));
  }

  private ModelRelease writeRelease(
      ReleaseTable table, KafkaProducer<String, byte[]> producer, ReleaseRequest request) {
    int version = table.nextVersion(request.name());
    byte[] artifact = request.artifact();
    int chunkBytes = settings.chunkBytes();
    int count = (artifact.length + chunkBytes - 1) / chunkBytes;
    List<Future<RecordMetadata>> sent = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int from = i * chunkBytes;
      byte[] chunk =
          Arrays.copyOfRange(artifact, from, Math.min(artifact.length, from + chunkBytes));
      sent.add(
          producer.send(
              new ProducerRecord<>(
                  topics.artifacts().name(),
                  0,
                  ReleaseKeys.chunk(request.name(), version, i),
                  chunk)));
    }
    long firstOffset = await(sent.get(0)).offset();
    Instant now = now();
    ModelRelease release =
        ModelRelease.newBuilder()
            .setName(request.name())
            .setVersion(version)
            .setParentVersion(request.parentVersion())
            .setStatus(ModelStatus.CANDIDATE)
            .setStatusReason("published")
            .setReplacedVersion(null)
            .setActivatedAtMillis(null)
            .setFormat(request.format())
            .setSha256(ArtifactDigest.sha256(artifact))
            .setSizeBytes(artifact.length)
            .setChunkCount(count)
            .setChunkBytes(chunkBytes)
            .setArtifactTopic(topics.artifacts().name())
            .setArtifactPartition(0)
            .setArtifactOffset(firstOffset)
            .setMetrics(request.metrics())
            .setGateMetric(request.gateMetric())
            .setProvenance(request.provenance())
            .setCreatedAt(now)
            .setUpdatedAt(now)
            .build();
    send(producer, release);
    return release;
  }

  private void send(KafkaProducer<String, byte[]> producer, ModelRelease release) {
    RecordMetadata metadata =
        await(
            producer.send(
                new ProducerRecord<>(
                    topics.models().name(),
                    0,
                    ReleaseKeys.release(release.getName(), release.getVersion()),
                    ModelReleaseCodec.encode(release))));
    lastWrittenOffset = Math.max(lastWrittenOffset, metadata.offset());
  }

  private interface Write<T> {
    T write(ReleaseTable table, KafkaProducer<String, byte[]> producer);
  }

  /**
   * Runs one write: fences older writers (initTransactions), reads the topic, then writes in a
   * transaction.
   */
  private <T> T transact(Write<T> write) {
    try (KafkaProducer<String, byte[]> producer = RegistryClients.transactionalProducer(settings)) {
      try {
        producer.initTransactions();
        ReleaseTable table = readTable();
        producer.beginTransaction();
        T result = write.write(table, producer);
        producer.commitTransaction();
        return result;
      } catch (ProducerFencedException e) {
        throw new IllegalStateException(
            "another writer of pipeline "
                + settings.pipeline()
                + "'s model registry took over during this operation; nothing was written, try again",
            e);
      } catch (RuntimeException e) {
        abortQuietly(producer);
        throw e;
      }
    }
  }

  private static void abortQuietly(KafkaProducer<String, byte[]> producer) {
    try {
      producer.abortTransaction();
    } catch (KafkaException ignored) {
      // not in a transaction, or the producer is unusable: the coordinator aborts it on timeout or
      // takeover
    }
  }

  /** The whole models topic, including everything this registry wrote. */
  private ReleaseTable readTable() {
    long deadline = System.nanoTime() + settings.timeout().toNanos();
    while (models.endOffsets().get(modelsPartition) <= lastWrittenOffset) {
      // our commit marker is not on the partition yet
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "timed out waiting for " + topics.models().name() + " to show this registry's write");
      }
      sleep(10);
    }
    ReleaseTable table = new ReleaseTable();
    models.readToEnd(
        r -> {
          if (r.value() != null) {
            table.apply(r.value());
          }
        });
    return table;
  }

  private static ModelRelease existing(ReleaseTable table, String name, int version) {
    return table
        .get(name, version)
        .orElseThrow(
            () -> new IllegalArgumentException("model " + name + " has no version " + version));
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing to the model registry", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof KafkaException ke) {
        throw ke;
      }
      throw new IllegalStateException(
          "cannot write to the model registry: " + cause.getMessage(), cause);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("model registry of " + settings.pipeline() + " is closed");
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    models.close();
    artifacts.close();
  }
}
