package dev.weakstream.teacher;

/**
 * A teacher manifest or its model is unusable; the message names the manifest, the field and the
 * fix.
 */
public final class TeacherManifestException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public TeacherManifestException(String manifest, String field, String problem, String fix) {
    super(manifest + ": field '" + field + "': " + problem + ". Fix: " + fix);
  }

  public TeacherManifestException(
      String manifest, String field, String problem, String fix, Throwable cause) {
    super(manifest + ": field '" + field + "': " + problem + ". Fix: " + fix, cause);
  }
}
