package dev.weakstream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weakstream.avro.RawRecord;
import dev.weakstream.bench.PipelineBenchmark;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.pipeline.PipelineLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code weakstream bench pipeline}: labeling throughput against a pass-through baseline. */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    description = {
      "Measure records/s of (a) a pass-through topology (decode + encode only) and (b) the youtube-spam "
          + "labeling pipeline (LFs and label model; its teacher is measured by 'bench teacher'), on the embedded broker, on the same pre-produced input (the YouTube corpus' "
          + "comments and authors repeated with fresh ids), and print both and their ratio.",
      "",
      "Example:",
      "  weakstream bench pipeline --json",
      ""
    })
final class BenchPipelineCommand implements Callable<Integer> {

  @Option(
      names = "--records",
      defaultValue = "500000",
      description = "Input records (default: ${DEFAULT-VALUE}).")
  long records;

  @Option(
      names = "--rounds",
      defaultValue = "3",
      description =
          "Alternating rounds of baseline and pipeline; the best of each is kept (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "Stream threads for both topologies (default: one per partition of the pipeline's topics).")
  Integer threads;

  @Option(
      names = "--pipeline",
      paramLabel = "PIPELINE.yaml",
      description = "Pipeline to measure (default: the bundled topology/youtube-spam.yaml).")
  Path pipelineFile;

  @Option(
      names = "--json",
      description = "Print {\"passthrough_rps\":…, \"pipeline_rps\":…, \"ratio\":…}.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Path work = Files.createTempDirectory("weakstream-bench-");
    try {
      Path topology = BundledFiles.extract("topology", work.resolve("topology"));
      // The labeling path: LFs, label model, dead letters. Teachers are measured by 'bench
      // teacher', the
      // student by 'bench hotswap'.
      PipelineDefinition pipeline =
          PipelineLoader.load(
                  pipelineFile != null ? pipelineFile : topology.resolve("youtube-spam.yaml"))
              .withoutTeachers()
              .withStudent(null);
      List<RawRecord> corpusRecords = CorpusRecords.bundled(work).records(pipeline);
      PipelineBenchmark.Result result;
      try (ProgressBar bar = new ProgressBar("pre-producing input", records)) {
        int streamThreads = threads != null ? threads : pipeline.output().partitions();
        result =
            new PipelineBenchmark(pipeline, corpusRecords, streamThreads)
                .run(work, records, rounds, bar::update);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("records", result.records());
      out.put("passthrough_rps", Math.round(result.passthroughRps()));
      out.put("pipeline_rps", Math.round(result.pipelineRps()));
      out.put("ratio", Math.round(result.ratio() * 1000) / 1000.0);
      if (json) {
        System.out.println(new ObjectMapper().writeValueAsString(out));
      } else {
        System.out.printf("pass-through  %,10.0f records/s%n", result.passthroughRps());
        System.out.printf(
            "youtube-spam  %,10.0f records/s  (%d labeling functions)%n",
            result.pipelineRps(), pipeline.labelingFunctions().size());
        System.out.printf("ratio         %10.3f%n", result.ratio());
      }
      return 0;
    } finally {
      DirectoryTree.delete(work);
    }
  }
}
