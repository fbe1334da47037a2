package dev.weakstream.registry;

import dev.weakstream.avro.ModelRelease;

/** An artifact that must not be loaded: it does not match its release (see {@link #reason()}). */
public final class ArtifactRejectedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final RejectionReason reason;

  public ArtifactRejectedException(ModelRelease release, RejectionReason reason, String detail) {
    super(
        "model "
            + release.getName()
            + " v"
            + release.getVersion()
            + ": artifact rejected ("
            + reason.tag()
            + "): "
            + detail);
    this.reason = reason;
  }

  public RejectionReason reason() {
    return reason;
  }
}
