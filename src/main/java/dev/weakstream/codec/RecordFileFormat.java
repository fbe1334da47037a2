package dev.weakstream.codec;

import java.nio.file.Path;
import java.util.Locale;

/** Formats of record files that {@code weakstream produce} reads. */
public enum RecordFileFormat {
  CSV,
  TSV,
  JSONL;

  /**
   * The format implied by a file name's extension ({@code .csv}, {@code .tsv}/{@code .tab}, {@code
   * .jsonl}/{@code .ndjson}).
   */
  public static RecordFileFormat fromFileName(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return CSV;
    }
    if (name.endsWith(".tsv") || name.endsWith(".tab")) {
      return TSV;
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
      return JSONL;
    }
    throw new IllegalArgumentException(
        "cannot tell the format of " + file + " from its extension; pass --format csv|tsv|jsonl");
  }
}
