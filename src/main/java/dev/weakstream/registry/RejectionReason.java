package dev.weakstream.registry;

import java.util.Locale;

/** Why an artifact was not loaded; the {@code reason} tag of the rejection counter. */
public enum RejectionReason {
  /** The assembled bytes do not hash to the release's sha256. */
  CHECKSUM_MISMATCH,
  /** Size, chunk count or a chunk disagree with the release. */
  MALFORMED,
  /** A chunk did not arrive within the timeout. */
  MISSING_CHUNK,
  /** The listener threw while loading the verified artifact (e.g. the model failed validation). */
  LISTENER_FAILED;

  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
