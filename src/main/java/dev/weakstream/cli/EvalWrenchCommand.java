package dev.weakstream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakstream.clients.StreamedWrenchEvaluation;
import dev.weakstream.labelmodel.LabelModelFactory;
import dev.weakstream.labelmodel.Metric;
import dev.weakstream.wrench.WrenchDataset;
import dev.weakstream.wrench.WrenchEvaluation;
import dev.weakstream.wrench.WrenchMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code weakstream eval wrench}: label models on a WRENCH dataset folder, WRENCH's protocol. */
@Command(
    name = "wrench",
    mixinStandardHelpOptions = true,
    description = {
      "Fit label models on a WRENCH dataset's train votes (no gold), select hyper-parameters on"
          + " valid, score every test row (WRENCH's protocol and sha1 tie rule). Without"
          + " --label-model, evaluates mv and every shipped model. Scores are percentages; binary"
          + " tasks report accuracy and F1 of class 1. Logs go to stderr.",
      "",
      "Example: weakstream eval wrench data/wrench/youtube --json"
    })
final class EvalWrenchCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "DATASET_DIR",
      description = "Folder with train/valid/test.json, label.json (e.g. data/wrench/youtube).")
  Path dir;

  @Option(names = "--label-model", paramLabel = "NAME",
      description = "Evaluate mv and this model only. Known: ${COMPLETION-CANDIDATES}",
      completionCandidates = ModelNames.class)
  String labelModel;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Option(names = "--through-kafka",
      description = "Run WRENCH's protocol through the real pipeline on an embedded broker (valid as a gold dev "
          + "stream, train without gold, then test) and score the labeled topic: mv and the default label model.")
  boolean throughKafka;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(dir.resolve("train.json")) || !Files.isRegularFile(dir.resolve("label.json"))) {
      throw new ParameterException(spec.commandLine(),
          dir + " is not a WRENCH dataset folder (needs train.json, valid.json, test.json, label.json)");
    }
    if (labelModel != null && !LabelModelFactory.names().contains(labelModel)) {
      throw new ParameterException(spec.commandLine(), "unknown label model '" + labelModel
          + "'; known: " + String.join(", ", LabelModelFactory.names()));
    }
    List<String> models = new ArrayList<>();
    models.add("mv");
    if (labelModel != null) {
      if (!labelModel.equals("mv")) {
        models.add(labelModel);
      }
    } else {
      LabelModelFactory.names().stream().filter(n -> !n.equals("mv")).forEach(models::add);
    }
    WrenchEvaluation.Report report;
    if (throughKafka) {
      System.err.println("weakstream: streaming " + dir + " through the pipeline on an embedded broker");
      Path work = Files.createTempDirectory("weakstream-wrench-");
      try {
        report = StreamedWrenchEvaluation.evaluate(WrenchDataset.load(dir), work);
      } finally {
        try (var files = Files.walk(work)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
      }
      System.out.println(json ? toJson(report) : toTable(report));
      return 0;
    }
    System.err.println("weakstream: evaluating " + models + " on " + dir);
    report = WrenchEvaluation.evaluate(WrenchDataset.load(dir), models);
    report.results().values().stream().filter(r -> !r.detail().isEmpty())
        .forEach(r -> System.err.println("weakstream: " + r.model() + " " + r.detail()));
    System.out.println(json ? toJson(report) : toTable(report));
    return 0;
  }

  static String toJson(WrenchEvaluation.Report report) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("dataset", report.dataset());
    root.put("metric", WrenchMetrics.key(report.metric()));
    root.put("default", report.defaultModel());
    ObjectNode results = root.putObject("results");
    report.results().forEach((name, r) -> {
      ObjectNode node = results.putObject(name);
      node.put("accuracy", percent(r.testAccuracy()));
      if (r.testF1() != null) {
        node.put("f1", percent(r.testF1()));
      }
    });
    return mapper.writeValueAsString(root);
  }

  static String toTable(WrenchEvaluation.Report report) {
    Metric metric = report.metric();
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "dataset %s, metric %s, default %s%n",
        report.dataset(), WrenchMetrics.key(metric), report.defaultModel()));
    out.append(String.format(Locale.ROOT, "%-12s %10s %10s %10s %10s  %s%n",
        "model", "valid acc", "valid f1", "test acc", "test f1", "version"));
    report.results().forEach((name, r) -> out.append(String.format(Locale.ROOT,
        "%-12s %10s %10s %10s %10s  %s%n", name, fmt(r.validAccuracy()), fmt(r.validF1()),
        fmt(r.testAccuracy()), fmt(r.testF1()), r.version())));
    return out.toString().stripTrailing();
  }

  private static String fmt(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.2f", 100 * v);
  }

  private static double percent(double fraction) {
    return Math.round(fraction * 100 * 10_000) / 10_000.0;
  }

  /** Completion candidates: the registered label model names. */
  static final class ModelNames extends ArrayList<String> {
    ModelNames() {
      super(LabelModelFactory.names());
    }
  }
}
