package dev.weakstream.teacher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a model or tokenizer file comes from: a classpath resource ({@code classpath:NAME}) or a
 * file path (relative paths resolve against the manifest's folder). Immutable.
 */
public record ModelSource(String spec, Path file, String resource) {

  private static final String CLASSPATH = "classpath:";

  /** Parses a manifest value. */
  public static ModelSource parse(String spec, Path baseDir) {
    if (spec.startsWith(CLASSPATH)) {
      String name = spec.substring(CLASSPATH.length());
      return new ModelSource(spec, null, name.startsWith("/") ? name.substring(1) : name);
    }
    Path p = Path.of(spec);
    return new ModelSource(spec, baseDir == null || p.isAbsolute() ? p : baseDir.resolve(p), null);
  }

  /** True when the file or resource exists. */
  public boolean exists() {
    return file != null
        ? Files.isRegularFile(file)
        : ModelSource.class.getClassLoader().getResource(resource) != null;
  }

  /** Opens the content; the caller closes the stream. */
  public InputStream open() throws IOException {
    if (file != null) {
      return Files.newInputStream(file);
    }
    InputStream in = ModelSource.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IOException("no classpath resource " + resource);
    }
    return in;
  }

  /** The whole content. */
  public byte[] readAllBytes() {
    try (InputStream in = open()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + spec, e);
    }
  }

  @Override
  public String toString() {
    return spec;
  }
}
