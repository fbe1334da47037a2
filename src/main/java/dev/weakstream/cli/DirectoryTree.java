package dev.weakstream.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Removes the scratch directories commands create (embedded broker data, state, extracted files).
 */
final class DirectoryTree {

  private DirectoryTree() {}

  /** Deletes {@code dir} and everything below it, deepest first. */
  static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
