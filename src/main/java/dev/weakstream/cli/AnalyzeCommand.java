package dev.weakstream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakstream.avro.LabelModelRelease;
import dev.weakstream.avro.LabeledRecord;
import dev.weakstream.clients.LabelModelReleases;
import dev.weakstream.clients.PipelineOutputReader;
import dev.weakstream.core.LfAnalysis;
import dev.weakstream.pipeline.PipelineDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code weakstream analyze}: Snorkel's LF analysis of a running (or stopped) pipeline, from Kafka.
 */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = {
      "LF analysis of a pipeline, read from its labeled topic and its label-model topic: per source its polarity, "
          + "coverage, overlap, conflict, empirical accuracy on gold-labeled records, and the accuracy the label "
          + "model learned; overall coverage, overlap and conflict; votes per class. Rates in percent.",
      "",
      "Example:",
      "  weakstream analyze topology/youtube-spam.yaml --bootstrap-servers localhost:9092 --json",
      ""
    })
final class AnalyzeCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      paramLabel = "PIPELINE.yaml",
      description = "Pipeline definition (or WRENCH folder).")
  Path pipelineFile;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Mixin ClusterOptions cluster;

  @Override
  public Integer call() throws Exception {
    PipelineDefinition pipeline = Pipelines.load(pipelineFile);
    try (KafkaCluster kafka = KafkaCluster.connect(cluster)) {
      PipelineOutputReader.Output output =
          new PipelineOutputReader(pipeline, kafka.clients()).readToEnd(Duration.ofMinutes(5));
      Optional<LabelModelRelease> model = LabelModelReleases.latest(pipeline, kafka.clients());
      List<String> sources = pipeline.sourceNames();
      LfAnalysis analysis = new LfAnalysis(sources, pipeline.numClasses());
      long[][] votesByClass = new long[sources.size()][pipeline.numClasses()];
      for (LabeledRecord r : output.labeled()) {
        int[] votes = r.getVotes().stream().mapToInt(Integer::intValue).toArray();
        if (votes.length != sources.size()) {
          continue; // labeled by another version of the pipeline's sources
        }
        analysis.add(votes, r.getGoldLabel());
        for (int j = 0; j < votes.length; j++) {
          if (votes[j] >= 0) {
            votesByClass[j][votes[j]]++;
          }
        }
      }
      List<LfAnalysis.LfSummary> lfs = analysis.summaries();
      if (json) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("pipeline", pipeline.name());
        root.put("records", analysis.rows());
        root.put("coverage", pct(analysis.coverage()));
        root.put("overlap", pct(analysis.overlap()));
        root.put("conflict", pct(analysis.conflict()));
        model.ifPresent(m -> root.put("label_model", m.getVersion()));
        ArrayNode array = root.putArray("lfs");
        for (int j = 0; j < lfs.size(); j++) {
          LfAnalysis.LfSummary lf = lfs.get(j);
          ObjectNode o = array.addObject();
          o.put("name", lf.name());
          ArrayNode polarity = o.putArray("polarity");
          lf.polarity().forEach(polarity::add);
          o.put("coverage", pct(lf.coverage()));
          o.put("overlap", pct(lf.overlap()));
          o.put("conflict", pct(lf.conflict()));
          putRate(o, "empirical_accuracy", lf.accuracy());
          putRate(o, "learned_accuracy", learned(model, j));
          ObjectNode byClass = o.putObject("votes_by_class");
          for (int c = 0; c < pipeline.numClasses(); c++) {
            byClass.put(pipeline.className(c), votesByClass[j][c]);
          }
        }
        System.out.println(mapper.writeValueAsString(root));
      } else {
        System.out.printf(
            "pipeline %s: %,d labeled records, coverage %.2f%%, overlap %.2f%%, conflict %.2f%%%s%n%n",
            pipeline.name(),
            analysis.rows(),
            pct(analysis.coverage()),
            pct(analysis.overlap()),
            pct(analysis.conflict()),
            model.map(m -> ", label model " + m.getVersion()).orElse(""));
        System.out.printf(
            "%-26s %-12s %9s %9s %9s %10s %10s%n",
            "source", "polarity", "coverage", "overlap", "conflict", "empirical", "learned");
        for (int j = 0; j < lfs.size(); j++) {
          LfAnalysis.LfSummary lf = lfs.get(j);
          String polarity =
              String.join(",", lf.polarity().stream().map(pipeline::className).toList());
          System.out.printf(
              "%-26s %-12s %8.2f%% %8.2f%% %8.2f%% %10s %10s%n",
              lf.name(),
              polarity,
              pct(lf.coverage()),
              pct(lf.overlap()),
              pct(lf.conflict()),
              rate(lf.accuracy()),
              rate(learned(model, j)));
        }
      }
    }
    return 0;
  }

  private static double learned(Optional<LabelModelRelease> model, int source) {
    return model
        .filter(m -> source < m.getLearnedAccuracy().size())
        .map(m -> m.getLearnedAccuracy().get(source))
        .orElse(Double.NaN);
  }

  private static double pct(double fraction) {
    return Math.round(fraction * 10_000) / 100.0;
  }

  private static String rate(double fraction) {
    return Double.isNaN(fraction) ? "-" : String.format("%.2f%%", 100 * fraction);
  }

  private static void putRate(ObjectNode o, String key, double fraction) {
    if (Double.isNaN(fraction)) {
      o.putNull(key);
    } else {
      o.put(key, pct(fraction));
    }
  }
}
