package dev.weakstream.cli;

import dev.weakstream.clients.RawRecordProducer;
import dev.weakstream.kafka.PipelineTopics;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.wrench.WrenchDataset;
import dev.weakstream.wrench.WrenchPipeline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code weakstream import wrench}: a WRENCH split as raw records with external votes. */
@Command(
    name = "wrench",
    mixinStandardHelpOptions = true,
    description = {
      "Produce one split of a WRENCH dataset to the input topic of its generated pipeline (wrench-<dataset>): each "
          + "row becomes a raw record whose id is its position in the split and whose LF votes are external votes "
          + "of sources lf_0, lf_1, ...; gold labels are included only with --gold (never for train, whose gold "
          + "must not reach the label model). Needs a running broker: --bootstrap-servers, or a running "
          + "'weakstream run' in --work-dir.",
      "",
      "Example:",
      "  weakstream import wrench data/wrench/youtube --split valid --gold",
      "  weakstream import wrench data/wrench/youtube --split train",
      ""
    })
final class ImportWrenchCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "DATASET_DIR", description = "WRENCH dataset folder.")
  Path dir;

  @Option(
      names = "--split",
      required = true,
      paramLabel = "train|valid|test",
      description = "Split to produce.")
  String split;

  @Option(names = "--gold", description = "Include gold labels (a dev or evaluation stream).")
  boolean gold;

  @Mixin ClusterOptions cluster;

  @Override
  public Integer call() throws Exception {
    WrenchDataset data = WrenchDataset.load(dir);
    WrenchDataset.Split rows =
        switch (split) {
          case "train" -> data.train();
          case "valid" -> data.valid();
          case "test" -> data.test();
          default ->
              throw new IllegalArgumentException(
                  "--split must be train, valid or test, was " + split);
        };
    PipelineDefinition pipeline = WrenchPipeline.of(data, Duration.ofSeconds(5));
    try (KafkaCluster kafka = KafkaCluster.connect(cluster)) {
      PipelineTopics.create(pipeline, kafka.clients());
      try (RawRecordProducer producer = new RawRecordProducer(pipeline, kafka.clients());
          ProgressBar bar =
              new ProgressBar("producing " + data.name() + "/" + split, rows.size())) {
        long n = 0;
        for (WrenchDataset.Row row : rows.rows()) {
          producer.send(WrenchPipeline.rawRecord(data, rows, row, gold));
          if (++n % 1000 == 0) {
            bar.update(n);
          }
        }
        producer.flush();
        bar.update(n);
      }
      System.out.printf(
          "produced %,d %s rows of %s%s to %s%n",
          rows.size(),
          split,
          data.name(),
          gold ? " with gold labels" : "",
          pipeline.input().topic());
    }
    return 0;
  }
}
