package dev.weakstream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weakstream.bench.LabelingFunctionBenchmark;
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

  @Option(
      names = "--pipeline",
      paramLabel = "PIPELINE.yaml",
      description =
          "Pipeline whose labeling functions to measure (default: the bundled topology/youtube-spam.yaml).")
  Path pipelineFile;

  @Option(
      names = "--file",
      paramLabel = "FILE",
      description =
          "CSV, TSV or JSONL records, mapped by the pipeline's input fields (default: the bundled"
              + " YouTube Spam Collection).")
  Path file;

  @Option(
      names = "--rounds",
      defaultValue = "5",
      description = "Measured rounds (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--warmup-rounds",
      defaultValue = "2",
      description =
          "Rounds run first and discarded, while the JIT compiles (default: ${DEFAULT-VALUE}).")
  int warmupRounds;

  @Option(
      names = "--repeat",
      defaultValue = "10",
      description = "Passes over the records per measurement (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(
      names = "--json",
      description =
          "Print {\"records\":…, \"set_us\":…, \"one_by_one_us\":…, \"lfs\":[{\"name\":…, \"us\":…}]}.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Path work = Files.createTempDirectory("weakstream-bench-lfs-");
    try {
      PipelineDefinition pipeline =
          PipelineLoader.load(
              pipelineFile != null
                  ? pipelineFile
                  : BundledFiles.extract("topology", work.resolve("topology"))
                      .resolve("youtube-spam.yaml"));
      CorpusRecords corpus = file != null ? CorpusRecords.read(file) : CorpusRecords.bundled(work);
      List<TextRecord> records =
          corpus.records(pipeline).stream()
              .map(raw -> new TextRecord(raw.getId(), raw.getText(), raw.getAttributes()))
              .toList();
      LabelingFunctionBenchmark.Result result =
          new LabelingFunctionBenchmark(pipeline.labelingFunctions(), records)
              .run(warmupRounds, rounds, repeat);
      print(pipeline, result);
      return 0;
    } finally {
      DirectoryTree.delete(work);
    }
  }

  private void print(PipelineDefinition pipeline, LabelingFunctionBenchmark.Result result)
      throws Exception {
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("records", result.records());
      out.put("set_us", round(result.setMicros()));
      out.put("one_by_one_us", round(result.oneByOneMicros()));
      List<Map<String, Object>> lfs = new ArrayList<>();
      result
          .functionMicros()
          .forEach(
              (name, micros) -> {
                Map<String, Object> lf = new LinkedHashMap<>();
                lf.put("name", name);
                lf.put("us", round(micros));
                lfs.add(lf);
              });
      out.put("lfs", lfs);
      System.out.println(new ObjectMapper().writeValueAsString(out));
      return;
    }
    System.out.printf(
        "%s: %d labeling functions on %,d records, µs per record (median of %d rounds)%n",
        pipeline.name(), result.functionMicros().size(), result.records(), rounds);
    System.out.printf("  %-28s %8.3f%n", "the set, as the stream runs it", result.setMicros());
    System.out.printf(
        "  %-28s %8.3f  (%.2f× the set)%n",
        "one by one", result.oneByOneMicros(), result.oneByOneMicros() / result.setMicros());
    result
        .functionMicros()
        .forEach((name, micros) -> System.out.printf("    %-26s %8.3f%n", name, micros));
  }

  private static double round(double micros) {
    return Math.round(micros * 1000) / 1000.0;
  }
}
