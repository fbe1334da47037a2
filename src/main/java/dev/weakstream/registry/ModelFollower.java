package dev.weakstream.registry;

import dev.weakstream.avro.ModelRelease;
import dev.weakstream.avro.ModelStatus;
import dev.weakstream.kafka.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a pipeline's models topic in one pipeline instance and hands every newly ACTIVE version's
 * artifact, fetched from the chunk topic and verified against its SHA-256, to a {@link
 * ModelListener}. An artifact that fails verification is counted ({@code
 * weakstream.model.artifact.rejected}), logged and not delivered, so the instance keeps its current
 * model.
 *
 * <p>Runs one background thread with its own consumers: no consumer group, the whole topic from the
 * beginning, read_committed ({@link TopicReader}). It first catches up with the topic as it was
 * when it started (within the registry's timeout, or it stops with a {@link #failure()}) and
 * delivers the version active then (one per model name), then delivers each change within one poll
 * (50 ms) plus the artifact fetch.
 *
 * <p>Thread-safe. Owns its thread and consumers; {@link #close()} (idempotent) stops and closes
 * them.
 */
public final class ModelFollower implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ModelFollower.class);
  private static final Duration POLL = Duration.ofMillis(50);

  private final RegistrySettings settings;
  private final ModelListener listener;
  private final boolean deliverCandidates;
  private final ModelFollowerMetrics metrics;
  private final TopicReader<String, ModelRelease> releases;
  private final ArtifactReader artifacts;
  private final Thread thread;
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final Map<String, ModelRelease> loaded = new ConcurrentHashMap<>();
  private volatile boolean running = true;
  private volatile Throwable failure;
  private boolean closed;

  private ModelFollower(
      RegistrySettings settings,
      ModelListener listener,
      MeterRegistry meters,
      boolean deliverCandidates) {
    this.settings = settings;
    this.listener = listener;
    this.deliverCandidates = deliverCandidates;
    this.metrics = new ModelFollowerMetrics(meters, settings.pipeline());
    this.releases = RegistryClients.reader(settings, settings.topics().models(), "follower");
    this.artifacts = new ArtifactReader(settings, "follower-artifacts");
    this.thread = new Thread(this::follow, "weakstream-model-follower-" + settings.pipeline());
    this.thread.setDaemon(true);
  }

  /** Starts following active versions only (the registry's topics must exist). */
  public static ModelFollower start(
      RegistrySettings settings, ModelListener listener, MeterRegistry meters) {
    return start(settings, listener, meters, false);
  }

  /**
   * Starts following. The registry's topics must exist: {@link ModelRegistry#open} and the
   * pipeline's start create them.
   *
   * @param deliverCandidates also fetch and deliver new candidates to {@link
   *     ModelListener#onCandidate}
   */
  public static ModelFollower start(
      RegistrySettings settings,
      ModelListener listener,
      MeterRegistry meters,
      boolean deliverCandidates) {
    ModelFollower follower = new ModelFollower(settings, listener, meters, deliverCandidates);
    follower.thread.start();
    return follower;
  }

  /**
   * Waits until the follower has read the topic as it was at start and delivered (or rejected) the
   * versions active then.
   *
   * @return false on timeout
   */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The active version of {@code name} last delivered to the listener, if any. */
  public Optional<ModelRelease> loaded(String name) {
    return Optional.ofNullable(loaded.get(name));
  }

  /** Why the follower thread stopped on its own, if it did (e.g. an authorization error). */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  private void follow() {
    ReleaseTable table = new ReleaseTable();
    Map<String, Integer> attempted = new HashMap<>();
    List<ModelRelease> newCandidates = new ArrayList<>();
    try {
      // catch up with the topic as it is now; candidates published before are not new
      releases.readToEnd(
          r -> {
            if (r.value() != null) {
              table.apply(r.value());
            }
          });
      while (running) {
        deliverActive(table, attempted);
        if (deliverCandidates) {
          newCandidates.forEach(this::deliverCandidate);
        }
        newCandidates.clear();
        caughtUp.countDown();
        releases.poll(
            POLL,
            r -> {
              if (r.value() != null
                  && table.apply(r.value()) == null
                  && r.value().getStatus() == ModelStatus.CANDIDATE) {
                newCandidates.add(r.value());
              }
            });
      }
    } catch (WakeupException e) {
      if (running) {
        failure = e;
      }
    } catch (RuntimeException | Error e) {
      failure = e;
      LOG.error(
          "Model follower of {} stopped; the current model stays loaded", settings.pipeline(), e);
    } finally {
      releases.close();
      artifacts.close();
    }
  }

  private void deliverActive(ReleaseTable table, Map<String, Integer> attempted) {
    for (String name : table.names()) {
      Optional<ModelRelease> active = table.active(name);
      if (active.isEmpty()
          || Integer.valueOf(active.get().getVersion()).equals(attempted.get(name))) {
        continue;
      }
      ModelRelease release = active.get();
      attempted.put(name, release.getVersion());
      byte[] artifact = fetch(release);
      if (artifact == null) {
        continue;
      }
      try {
        listener.onActive(release, artifact);
      } catch (Exception e) {
        reject(
            release,
            new ArtifactRejectedException(
                release,
                RejectionReason.LISTENER_FAILED,
                e.getClass().getSimpleName() + ": " + e.getMessage()));
        continue;
      }
      loaded.put(name, release);
      metrics.delivered(name, "active");
      Instant since = release.getUpdatedAt();
      metrics.activated(name, release.getVersion(), Duration.between(since, Instant.now()));
      LOG.info(
          "Model {} v{} active ({} bytes, sha256 {})",
          name,
          release.getVersion(),
          artifact.length,
          release.getSha256());
    }
  }

  private void deliverCandidate(ModelRelease release) {
    byte[] artifact = fetch(release);
    if (artifact == null) {
      return;
    }
    try {
      listener.onCandidate(release, artifact);
      metrics.delivered(release.getName(), "candidate");
    } catch (Exception e) {
      reject(
          release,
          new ArtifactRejectedException(
              release,
              RejectionReason.LISTENER_FAILED,
              e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
  }

  /** The verified artifact, or null after counting and reporting the rejection. */
  private byte[] fetch(ModelRelease release) {
    try {
      return artifacts.fetch(release);
    } catch (ArtifactRejectedException e) {
      reject(release, e);
      return null;
    }
  }

  private void reject(ModelRelease release, ArtifactRejectedException error) {
    metrics.rejected(release.getName(), error.reason());
    LOG.error(
        "{}; keeping the current model{}",
        error.getMessage(),
        loaded.containsKey(release.getName())
            ? " v" + loaded.get(release.getName()).getVersion()
            : "");
    try {
      listener.onRejected(release, error);
    } catch (RuntimeException e) {
      LOG.warn("Model listener failed on a rejection report", e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    running = false;
    releases.wakeup();
    artifacts.wakeup();
    try {
      thread.join(settings.timeout().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
