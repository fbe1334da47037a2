package dev.weakstream.registry;

import dev.weakstream.avro.ModelRelease;

/**
 * Receives verified artifacts from a {@link ModelFollower}, on the follower's thread.
 * Implementations load the model (e.g. swap it into the stream); they should return promptly, since
 * the follower delivers one artifact at a time.
 */
public interface ModelListener {

  /**
   * {@code release} is now the ACTIVE version of its name, and {@code artifact} matched its
   * SHA-256. Called once per activation (including once at startup for the version active then).
   *
   * @throws Exception to refuse the model (e.g. it failed validation); the follower counts it as a
   *     rejection with reason {@code listener_failed} and the current model should stay
   */
  void onActive(ModelRelease release, byte[] artifact) throws Exception;

  /**
   * A new CANDIDATE was published after the follower caught up (for shadow evaluation). Only called
   * when the follower was started with candidate delivery on.
   */
  default void onCandidate(ModelRelease release, byte[] artifact) throws Exception {}

  /**
   * An artifact was not delivered: it failed verification or the listener threw. The current model
   * stays.
   */
  default void onRejected(ModelRelease release, ArtifactRejectedException error) {}
}
