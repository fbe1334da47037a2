package dev.weakstream.clients;

import dev.weakstream.avro.ModelRelease;
import dev.weakstream.registry.ArtifactRejectedException;
import dev.weakstream.registry.ModelFollower;
import dev.weakstream.registry.ModelListener;
import dev.weakstream.registry.ModelRegistry;
import dev.weakstream.registry.RegistrySettings;
import dev.weakstream.stream.StreamStudent;
import dev.weakstream.student.OnnxStudent;
import dev.weakstream.student.RegisteredStudent;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects one pipeline instance's student slot to the model registry: every version that becomes
 * ACTIVE in the registry is verified (by the {@link ModelFollower}), loaded into an ONNX Runtime
 * session and swapped into the running stream; new candidates are loaded into the shadow slot. A
 * model that fails to load is refused and the current one stays. A candidate that becomes active
 * leaves the shadow slot (the registry publishes a version as CANDIDATE before it promotes it, so
 * otherwise the active model would also be scored in shadow, twice per record, and a version later
 * rolled back would stay there).
 *
 * <p>Owns its follower; {@link #close()} stops it (the student slot belongs to the pipeline
 * application).
 */
public final class StudentFollower implements ModelListener, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StudentFollower.class);

  private final StreamStudent student;
  private final String modelName;
  private final int numClasses;
  private ModelFollower follower;

  /** Versions in the active and shadow slots (written on the follower's thread only). */
  private volatile String activeVersion;

  private volatile String candidateVersion;

  private StudentFollower(StreamStudent student, String modelName, int numClasses) {
    this.student = student;
    this.modelName = modelName;
    this.numClasses = numClasses;
  }

  /** The registry name of a pipeline's student. */
  public static String modelName(String pipeline) {
    return pipeline + "-student";
  }

  /**
   * Starts following the pipeline's student in the registry and waits until the version active now
   * (if any) is serving.
   */
  public static StudentFollower start(
      RegistrySettings settings,
      StreamStudent student,
      int numClasses,
      MeterRegistry meters,
      Duration catchUpTimeout)
      throws InterruptedException {
    StudentFollower bridge =
        new StudentFollower(student, modelName(settings.pipeline()), numClasses);
    bridge.follower = ModelFollower.start(settings, bridge, meters, true);
    if (!bridge.follower.awaitCaughtUp(catchUpTimeout)) {
      LOG.warn(
          "model registry of {} not read within {}; serving without a student until it is",
          settings.pipeline(),
          catchUpTimeout);
    }
    return bridge;
  }

  /**
   * Rolls the pipeline's student back to the version the active one replaced (used when its live
   * agreement with the label model falls below the pipeline's threshold).
   */
  public static void rollBack(
      RegistrySettings settings, String pipeline, String version, double agreement) {
    try (ModelRegistry registry = ModelRegistry.open(settings)) {
      var active = registry.active(modelName(pipeline));
      if (active.isEmpty() || !String.valueOf(active.get().getVersion()).equals(version)) {
        return; // already replaced: nothing to roll back
      }
      var result = registry.rollback(modelName(pipeline));
      LOG.warn(
          "student {} v{} agreed with the label model on only {}; rolled back to v{}",
          modelName(pipeline),
          version,
          String.format(Locale.ROOT, "%.3f", agreement),
          result.restored().getVersion());
    } catch (RuntimeException e) {
      LOG.error(
          "automatic rollback of {} v{} failed: {}", modelName(pipeline), version, e.getMessage());
    }
  }

  @Override
  public void onActive(ModelRelease release, byte[] artifact) {
    if (!release.getName().equals(modelName)) {
      return;
    }
    RegisteredStudent model = servable(release, artifact);
    if (model == null) {
      throw new IllegalArgumentException(
          release.getName()
              + " v"
              + release.getVersion()
              + " needs teacher embeddings; the stream serves hashed-feature students only");
    }
    String version = String.valueOf(release.getVersion());
    if (version.equals(candidateVersion)) {
      student.students().setCandidate(null);
      candidateVersion = null;
    }
    student.students().swap(model, release.getUpdatedAt());
    activeVersion = version;
    LOG.info("serving student {} v{}", release.getName(), release.getVersion());
  }

  @Override
  public void onCandidate(ModelRelease release, byte[] artifact) {
    String version = String.valueOf(release.getVersion());
    if (!release.getName().equals(modelName) || version.equals(activeVersion)) {
      return; // published and promoted before the follower saw it: already serving as the active
      // student
    }
    RegisteredStudent model = servable(release, artifact);
    if (model == null) {
      return;
    }
    student.students().setCandidate(model);
    candidateVersion = version;
    LOG.info("shadow-scoring candidate {} v{}", release.getName(), release.getVersion());
  }

  /**
   * The release loaded into an ONNX Runtime session under its registry name and version, or null
   * (and nothing left open) when it needs teacher embeddings, which the stream does not have.
   */
  private RegisteredStudent servable(ModelRelease release, byte[] artifact) {
    OnnxStudent model =
        OnnxStudent.open(artifact, OnnxStudent.DEFAULT_INTRA_OP_THREADS, numClasses);
    if (model.embeddingDim() > 0) {
      model.close();
      return null;
    }
    return new RegisteredStudent(model, release.getName(), String.valueOf(release.getVersion()));
  }

  @Override
  public void onRejected(ModelRelease release, ArtifactRejectedException error) {
    LOG.error("refused {} v{}: {}", release.getName(), release.getVersion(), error.getMessage());
  }

  @Override
  public void close() {
    if (follower != null) {
      follower.close();
    }
  }
}
