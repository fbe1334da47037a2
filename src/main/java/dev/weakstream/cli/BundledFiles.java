package dev.weakstream.cli;

import dev.weakstream.codec.RecordFileFormat;
import dev.weakstream.codec.RecordFileReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Copies a directory bundled in the jar (the shipped pipelines under {@code topology/}, the demo
 * corpus under {@code datasets/}) to a local directory, so commands work from any working
 * directory.
 */
final class BundledFiles {

  private BundledFiles() {}

  /** Copies the classpath directory {@code resourceDir} (e.g. "topology") into {@code target}. */
  static Path extract(String resourceDir, Path target) {
    URL url = BundledFiles.class.getClassLoader().getResource(resourceDir);
    if (url == null) {
      throw new IllegalStateException(
          "resource directory '" + resourceDir + "' is not bundled in this build");
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
          copyTree(jar.getPath(resourceDir), target);
        }
      } else {
        copyTree(Path.of(uri), target);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract bundled " + resourceDir, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The CSV files of an extracted corpus directory, in name order. */
  static List<Path> csvFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
    }
  }

  /**
   * The fields of every readable row of every CSV file of an extracted corpus directory, in order.
   */
  static List<Map<String, String>> csvRows(Path dir) throws IOException {
    List<Map<String, String>> rows = new ArrayList<>();
    for (Path csv : csvFiles(dir)) {
      RecordFileReader.read(
          csv,
          RecordFileFormat.CSV,
          row -> {
            if (row.ok()) {
              rows.add(row.fields());
            }
          });
    }
    return rows;
  }

  private static void copyTree(Path source, Path target) throws IOException {
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path dest = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(dest);
        } else {
          Files.createDirectories(dest.getParent());
          Files.copy(file, dest);
        }
      }
    }
  }
}
