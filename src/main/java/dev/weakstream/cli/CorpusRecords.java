package dev.weakstream.cli;

import dev.weakstream.avro.RawRecord;
import dev.weakstream.codec.DecodeOutcome;
import dev.weakstream.codec.RawRecordMapper;
import dev.weakstream.codec.RecordFileFormat;
import dev.weakstream.codec.RecordFileReader;
import dev.weakstream.pipeline.PipelineDefinition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rows of a corpus, the bundled YouTube comments or a CSV, TSV or JSONL file, mapped to a
 * pipeline's raw records as the stream would get them, for the benchmarks. Rows that cannot be
 * read, and rows the stream would dead-letter, are reported on standard error with where they are,
 * never dropped silently.
 */
final class CorpusRecords {

  /** A row's fields, and where it came from for messages. */
  private record Row(String where, Map<String, String> fields) {}

  private final List<Row> rows = new ArrayList<>();
  private int unreadable;

  private CorpusRecords() {}

  /** The bundled YouTube Spam Collection, extracted under {@code work}. */
  static CorpusRecords bundled(Path work) throws IOException {
    CorpusRecords corpus = new CorpusRecords();
    for (Map<String, String> fields :
        BundledFiles.csvRows(
            BundledFiles.extract("datasets/youtube-spam-collection", work.resolve("corpus")))) {
      corpus.rows.add(new Row("corpus row " + (corpus.rows.size() + 1), fields));
    }
    return corpus;
  }

  /** The rows of a CSV, TSV or JSONL file (by its extension). */
  static CorpusRecords read(Path file) throws IOException {
    CorpusRecords corpus = new CorpusRecords();
    RecordFileReader.read(
        file,
        RecordFileFormat.fromFileName(file),
        row -> {
          if (row.ok()) {
            corpus.rows.add(new Row(file + " line " + row.line(), row.fields()));
          } else {
            corpus.unreadable++;
            System.err.printf("%s line %d: %s%n", file, row.line(), row.error());
          }
        });
    return corpus;
  }

  /**
   * The records of the rows that map to one of {@code pipeline}; the others are reported.
   *
   * @throws IllegalArgumentException when no row maps
   */
  List<RawRecord> records(PipelineDefinition pipeline) {
    RawRecordMapper mapper = new RawRecordMapper(pipeline);
    List<RawRecord> records = new ArrayList<>(rows.size());
    int rejected = 0;
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      DecodeOutcome outcome = mapper.map(row.fields()::get, "row-" + (i + 1), 0L);
      if (outcome instanceof DecodeOutcome.Decoded decoded) {
        records.add(decoded.record());
      } else if (outcome instanceof DecodeOutcome.Rejected why && rejected++ < 5) {
        System.err.printf(
            "%s skipped (the stream would dead-letter it): %s%n", row.where(), why.message());
      }
    }
    if (rejected + unreadable > 0) {
      System.err.printf(
          "measuring on %d records; %d rows skipped%n", records.size(), rejected + unreadable);
    }
    if (records.isEmpty()) {
      throw new IllegalArgumentException(
          "no row maps to a record of pipeline '"
              + pipeline.name()
              + "': check that the file has its input fields "
              + pipeline.input().fields());
    }
    return records;
  }
}
