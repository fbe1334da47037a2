package dev.weakstream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weakstream.avro.RawRecord;
import dev.weakstream.bench.LabelingFunctionBenchmark;
import dev.weakstream.codec.DecodeOutcome;
import dev.weakstream.codec.RawRecordMapper;
import dev.weakstream.codec.RecordFileFormat;
import dev.weakstream.codec.RecordFileReader;
import dev.weakstream.core.TextRecord;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.pipeline.PipelineLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code weakstream bench lfs}: what each labeling function of a pipeline costs per record. */
@Command(
    name = "lfs",
    mixinStandardHelpOptions = true,
    description = {
      "Measure, in process, microseconds per record of a pipeline's labeling functions: the whole set as"
          + " the stream applies it (keyword and lexicon functions share one pass over the text) and each"
          + " function on its own, on the bundled YouTube comments or on a file of records mapped by the"
          + " pipeline's input fields. Medians of the measured rounds, after warm-up rounds.",
      "",
      "Examples:",
      "  weakstream bench lfs",
      "  weakstream bench lfs --pipeline topology/my-pipeline.yaml --file comments.jsonl --json",
      ""
    })
final class BenchLfsCommand implements Callable<Integer> {

  @Option(names = "--pipeline", paramLabel = "PIPELINE.yaml",
      description = "Pipeline whose labeling functions to measure (default: the bundled topology/youtube-spam.yaml).")
  Path pipelineFile;

  @Option(names = "--file", paramLabel = "FILE",
      description = "CSV, TSV or JSONL records, mapped by the pipeline's input fields (default: the bundled"
          + " YouTube Spam Collection).")
  Path file;

  @Option(names = "--rounds", defaultValue = "5", description = "Measured rounds (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--warmup-rounds", defaultValue = "2",
      description = "Rounds run first and discarded, while the JIT compiles (default: ${DEFAULT-VALUE}).")
  int warmupRounds;

  @Option(names = "--repeat", defaultValue = "10",
      description = "Passes over the records per measurement (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--json",
      description = "Print {\"records\":…, \"set_us\":…, \"one_by_one_us\":…, \"lfs\":[{\"name\":…, \"us\":…}]}.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Path work = Files.createTempDirectory("weakstream-bench-lfs-");
    try {
      PipelineDefinition pipeline = PipelineLoader.load(pipelineFile != null
          ? pipelineFile
          : BundledFiles.extract("topology", work.resolve("topology")).resolve("youtube-spam.yaml"));
      List<Row> rows = new ArrayList<>();
      int unreadable = 0;
      if (file != null) {
        unreadable = readRows(file, rows);
      } else {
        for (Map<String, String> fields : BundledFiles.csvRows(
            BundledFiles.extract("datasets/youtube-spam-collection", work.resolve("corpus")))) {
          rows.add(new Row("corpus row " + (rows.size() + 1), fields));
        }
      }
      List<TextRecord> records = toRecords(pipeline, rows, unreadable);
      LabelingFunctionBenchmark.Result result =
          new LabelingFunctionBenchmark(pipeline.labelingFunctions(), records).run(warmupRounds, rounds, repeat);
      print(pipeline, result);
      return 0;
    } finally {
      DirectoryTree.delete(work);
    }
  }

  /** A row's fields, and where it came from for messages. */
  private record Row(String where, Map<String, String> fields) {}

  /** Reads the file's rows; returns how many could not be read (each reported on stderr). */
  private static int readRows(Path file, List<Row> rows) throws java.io.IOException {
    int[] unreadable = {0};
    RecordFileReader.read(file, RecordFileFormat.fromFileName(file), row -> {
      if (row.ok()) {
        rows.add(new Row(file + " line " + row.line(), row.fields()));
      } else {
        unreadable[0]++;
        System.err.printf("%s line %d: %s%n", file, row.line(), row.error());
      }
    });
    return unreadable[0];
  }

  /** The rows the stream would label, as the labeling functions see them; the others are reported. */
  private static List<TextRecord> toRecords(PipelineDefinition pipeline, List<Row> rows, int unreadable) {
    RawRecordMapper mapper = new RawRecordMapper(pipeline);
    List<TextRecord> records = new ArrayList<>(rows.size());
    int rejected = 0;
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      DecodeOutcome outcome = mapper.map(row.fields()::get, "row-" + (i + 1), 0L);
      if (outcome instanceof DecodeOutcome.Decoded decoded) {
        RawRecord raw = decoded.record();
        records.add(new TextRecord(raw.getId(), raw.getText(), raw.getAttributes()));
      } else if (outcome instanceof DecodeOutcome.Rejected why && rejected++ < 5) {
        System.err.printf("%s skipped (the stream would dead-letter it): %s%n", row.where(), why.message());
      }
    }
    if (rejected + unreadable > 0) {
      System.err.printf("measuring on %d records; %d rows skipped%n", records.size(), rejected + unreadable);
    }
    if (records.isEmpty()) {
      throw new IllegalArgumentException("no row maps to a record of pipeline '" + pipeline.name()
          + "': check that the file has its input fields " + pipeline.input().fields());
    }
    return records;
  }

  private void print(PipelineDefinition pipeline, LabelingFunctionBenchmark.Result result) throws Exception {
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("records", result.records());
      out.put("set_us", round(result.setMicros()));
      out.put("one_by_one_us", round(result.oneByOneMicros()));
      List<Map<String, Object>> lfs = new ArrayList<>();
      result.functionMicros().forEach((name, micros) -> {
        Map<String, Object> lf = new LinkedHashMap<>();
        lf.put("name", name);
        lf.put("us", round(micros));
        lfs.add(lf);
      });
      out.put("lfs", lfs);
      System.out.println(new ObjectMapper().writeValueAsString(out));
      return;
    }
    System.out.printf("%s: %d labeling functions on %,d records, µs per record (median of %d rounds)%n",
        pipeline.name(), result.functionMicros().size(), result.records(), rounds);
    System.out.printf("  %-28s %8.3f%n", "the set, as the stream runs it", result.setMicros());
    System.out.printf("  %-28s %8.3f  (%.2f× the set)%n", "one by one", result.oneByOneMicros(),
        result.oneByOneMicros() / result.setMicros());
    result.functionMicros().forEach((name, micros) -> System.out.printf("    %-26s %8.3f%n", name, micros));
  }

  private static double round(double micros) {
    return Math.round(micros * 1000) / 1000.0;
  }
}
