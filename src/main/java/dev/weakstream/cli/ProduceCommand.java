package dev.weakstream.cli;

import dev.weakstream.clients.RawRecordProducer;
import dev.weakstream.codec.RecordFileFormat;
import dev.weakstream.pipeline.FieldMapping;
import dev.weakstream.pipeline.InputDefinition;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.pipeline.PipelineLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code weakstream produce}: pushes a file of records into a pipeline's input topic. */
@Command(
    name = "produce",
    mixinStandardHelpOptions = true,
    description = {
      "Produce the rows of a CSV, TSV or JSONL file to a pipeline's input topic, in the pipeline's input format.",
      "Columns are mapped by the pipeline's input.fields; override with --map. Rows that cannot be read or "
          + "mapped are reported with their line numbers; rows with empty text are sent and dead-lettered by the "
          + "pipeline. Without --bootstrap-servers it uses the broker of a running 'weakstream run' in --work-dir.",
      "",
      "Example:",
      "  weakstream produce topology/youtube-spam.yaml --file Youtube01-Psy.csv",
      "  weakstream produce topology/youtube-spam.yaml --file msgs.jsonl --map text=body --map id=msg_id",
      ""
    })
final class ProduceCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "PIPELINE.yaml", description = "Pipeline definition.")
  Path pipelineFile;

  @Option(
      names = "--file",
      required = true,
      paramLabel = "FILE",
      description = "CSV, TSV or JSONL file.")
  Path file;

  @Option(
      names = "--format",
      paramLabel = "csv|tsv|jsonl",
      description = "File format (default: from the file extension).")
  RecordFileFormat format;

  @Option(
      names = "--map",
      paramLabel = "FIELD=COLUMN",
      description =
          "Override the column of a field: id, text, gold_label, event_time, or attributes "
              + "(comma-separated columns). Repeatable.")
  Map<String, String> mapping = Map.of();

  @Mixin ClusterOptions cluster;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--file " + file + " does not exist");
    }
    PipelineDefinition pipeline = withMapping(PipelineLoader.load(pipelineFile), mapping);
    RecordFileFormat fileFormat = format != null ? format : RecordFileFormat.fromFileName(file);
    long lines = Files.lines(file).count();
    try (KafkaCluster kafka = KafkaCluster.connect(cluster);
        RawRecordProducer producer = new RawRecordProducer(pipeline, kafka.clients());
        ProgressBar bar = new ProgressBar("producing " + file.getFileName(), lines)) {
      RawRecordProducer.FileReport report = producer.produceFile(file, fileFormat, bar::update);
      bar.finish();
      System.out.printf(
          "produced %,d records to %s%n", report.produced(), pipeline.input().topic());
      report
          .badRows()
          .forEach(
              bad ->
                  System.out.printf(
                      "  %s line %d: %s%n", file.getFileName(), bad.line(), bad.message()));
      if (!report.badRows().isEmpty()) {
        System.out.printf("%,d rows skipped%n", report.badRows().size());
      }
      return report.badRows().isEmpty() ? 0 : 3;
    }
  }

  static PipelineDefinition withMapping(
      PipelineDefinition pipeline, Map<String, String> overrides) {
    if (overrides.isEmpty()) {
      return pipeline;
    }
    FieldMapping f = pipeline.input().fields();
    for (String key : overrides.keySet()) {
      if (!Set.of("id", "text", "gold_label", "event_time", "attributes").contains(key)) {
        throw new IllegalArgumentException(
            "--map "
                + key
                + "=...: unknown field; use id, text, gold_label, event_time or attributes");
      }
    }
    FieldMapping mapped =
        new FieldMapping(
            overrides.getOrDefault("id", f.id()),
            overrides.getOrDefault("text", f.text()),
            overrides.getOrDefault("gold_label", f.goldLabel()),
            overrides.getOrDefault("event_time", f.eventTime()),
            overrides.containsKey("attributes")
                ? Arrays.asList(overrides.get("attributes").split(","))
                : f.attributes());
    InputDefinition in = pipeline.input();
    return new PipelineDefinition(
        pipeline.source(),
        pipeline.name(),
        pipeline.classes(),
        new InputDefinition(in.topic(), in.format(), mapped, in.maxTextChars()),
        pipeline.output(),
        pipeline.labelingFunctions());
  }
}
