package dev.weakstream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakstream.clients.StreamedWrenchEvaluation;
import dev.weakstream.core.Prediction;
import dev.weakstream.labelmodel.LabelModelFactory;
import dev.weakstream.labelmodel.Metric;
import dev.weakstream.teacher.FewShotHead;
import dev.weakstream.teacher.OfflineGuard;
import dev.weakstream.teacher.SentenceEncoder;
import dev.weakstream.teacher.TeacherManifest;
import dev.weakstream.teacher.TeacherManifests;
import dev.weakstream.training.StudentKind;
import dev.weakstream.training.StudentTrainerConfig;
import dev.weakstream.wrench.TeacherEvaluation;
import dev.weakstream.wrench.TrustEvaluation;
import dev.weakstream.wrench.WrenchDataset;
import dev.weakstream.wrench.WrenchEvaluation;
import dev.weakstream.wrench.WrenchMetrics;
import dev.weakstream.wrench.WrenchStudentEvaluation;
import dev.weakstream.wrench.WrenchTrust;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code weakstream eval wrench}: label models on a WRENCH dataset folder, WRENCH's protocol. */
@Command(
    name = "wrench",
    mixinStandardHelpOptions = true,
    description = {
      "Fit label models on a WRENCH dataset's train votes (no gold), select hyper-parameters on"
          + " valid, score every test row (WRENCH's protocol and sha1 tie rule). Without"
          + " --label-model, evaluates mv and every shipped model. Scores are percentages; binary"
          + " tasks report accuracy and F1 of class 1. The default label model, combined and students"
          + " also get a trust object: ECE before and after calibration and conformal coverage and"
          + " mean set size (fitted on valid, scored on test), and label-error flags on train"
          + " (precision and recall against the train gold). Logs go to stderr.",
      "",
      "Example: weakstream eval wrench data/wrench/youtube --json"
    })
final class EvalWrenchCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      paramLabel = "DATASET_DIR",
      description = "Folder with train/valid/test.json, label.json (e.g. data/wrench/youtube).")
  Path dir;

  @Option(
      names = "--label-model",
      paramLabel = "NAME",
      description = "Evaluate mv and this model only. Known: ${COMPLETION-CANDIDATES}",
      completionCandidates = ModelNames.class)
  String labelModel;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Option(
      names = "--through-kafka",
      description =
          "Run WRENCH's protocol through the real pipeline on an embedded broker (valid as a gold dev "
              + "stream, train without gold, then test) and score the labeled topic: mv and the default label model.")
  boolean throughKafka;

  @Option(
      names = "--teacher",
      paramLabel = "NAME",
      description =
          "Also evaluate this teacher (manifest models/NAME.yaml, e.g. minilm): results"
              + " teacher_zeroshot, teacher_fewshot (with --few-shot) and combined (LFs + teacher soft"
              + " votes through the default label model).")
  String teacher;

  @Option(
      names = "--few-shot",
      paramLabel = "SOURCE",
      description =
          "Gold rows the few-shot head may see; only 'labeled_ids' (the train rows listed"
              + " in labeled_ids.json).")
  String fewShot;

  @Option(
      names = "--student",
      paramLabel = "KIND",
      description =
          "Also train and evaluate a student: 'hashed' (word and character n-grams) or 'embedding'"
              + " (teacher embedding + n-grams, needs --teacher), on the train split's weak labels (combined"
              + " LFs + teacher with --teacher, else the default label model); valid selects epoch and L2."
              + " Result student_hashed / student_embedding.")
  String student;

  @Option(
      names = "--seed",
      description = "Seed of the few-shot cross-validation (default ${DEFAULT-VALUE}).")
  long seed = FewShotHead.DEFAULT_SEED;

  @Option(
      names = "--alpha",
      paramLabel = "A",
      description =
          "Miscoverage of the conformal label sets in the trust objects, in (0, 1) (default"
              + " ${DEFAULT-VALUE}): sets hold the true class with probability >= 1 - A.")
  double alpha = dev.weakstream.trust.ConformalSettings.DEFAULT_ALPHA;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(dir.resolve("train.json"))
        || !Files.isRegularFile(dir.resolve("label.json"))) {
      throw new ParameterException(
          spec.commandLine(),
          dir
              + " is not a WRENCH dataset folder (needs train.json, valid.json, test.json, label.json)");
    }
    if (labelModel != null && !LabelModelFactory.names().contains(labelModel)) {
      throw new ParameterException(
          spec.commandLine(),
          "unknown label model '"
              + labelModel
              + "'; known: "
              + String.join(", ", LabelModelFactory.names()));
    }
    if (fewShot != null && !fewShot.equals("labeled_ids")) {
      throw new ParameterException(
          spec.commandLine(), "--few-shot must be 'labeled_ids', was '" + fewShot + "'");
    }
    if (throughKafka && teacher != null) {
      throw new ParameterException(
          spec.commandLine(), "--through-kafka does not stream teachers yet; drop --teacher");
    }
    StudentKind studentKind = null;
    if (student != null) {
      try {
        studentKind = StudentKind.of(student);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--student " + e.getMessage());
      }
      if (studentKind == StudentKind.EMBEDDING && teacher == null) {
        throw new ParameterException(
            spec.commandLine(), "--student embedding needs --teacher (its embeddings)");
      }
      if (throughKafka) {
        throw new ParameterException(
            spec.commandLine(), "--through-kafka does not train students; drop --student");
      }
    }
    if (fewShot != null && teacher == null) {
      throw new ParameterException(spec.commandLine(), "--few-shot needs --teacher");
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new ParameterException(spec.commandLine(), "--alpha must be in (0, 1), was " + alpha);
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
      System.err.println(
          "weakstream: streaming " + dir + " through the pipeline on an embedded broker");
      Path work = Files.createTempDirectory("weakstream-wrench-");
      try {
        report = StreamedWrenchEvaluation.evaluate(WrenchDataset.load(dir), work);
      } finally {
        DirectoryTree.delete(work);
      }
      System.out.println(json ? toJson(report, Map.of()) : toTable(report, Map.of()));
      return 0;
    }
    System.err.println("weakstream: evaluating " + models + " on " + dir);
    TeacherManifest manifest = null;
    if (teacher != null) {
      try {
        OfflineGuard.check();
        manifest = TeacherManifests.byName(teacher);
      } catch (IllegalStateException | IllegalArgumentException e) {
        System.err.println("weakstream: " + e.getMessage());
        return 1;
      }
    }
    WrenchDataset data = WrenchDataset.load(dir);
    report = WrenchEvaluation.evaluate(data, models);
    TrustEvaluation.Settings trustSettings = TrustEvaluation.Settings.defaults().withAlpha(alpha);
    Map<String, TrustEvaluation.Trust> trust = new LinkedHashMap<>();
    WrenchTrust.Measured defaultTrust = null;
    if (report.results().containsKey(report.defaultModel())) {
      long start = System.nanoTime();
      defaultTrust =
          WrenchTrust.ofLabelModel(
              data, WrenchEvaluation.defaultModelPredictions(data), trustSettings);
      trust.put(report.defaultModel(), defaultTrust.trust());
      logTrust(report.defaultModel(), defaultTrust, start);
    }
    TeacherEvaluation.Result teacherResult = null;
    if (manifest != null) {
      teacherResult = evaluateTeacher(data, manifest);
      report = with(report, teacherResult.results());
      long start = System.nanoTime();
      WrenchTrust.Measured combined =
          WrenchTrust.ofLabelModel(
              data,
              new WrenchEvaluation.SplitPredictions(
                  teacherResult.combinedTrain(),
                  teacherResult.combinedValid(),
                  teacherResult.combinedTest()),
              trustSettings);
      trust.put("combined", combined.trust());
      logTrust("combined", combined, start);
    }
    if (studentKind != null) {
      Prediction[] weak =
          teacherResult != null
              ? teacherResult.combinedTrain()
              : WrenchEvaluation.defaultModelTrainPredictions(data);
      StudentTrainerConfig config = WrenchStudentEvaluation.defaultConfig(data, studentKind);
      long start = System.nanoTime();
      WrenchEvaluation.ModelResult result;
      try (TrainingProgressBar bar =
          new TrainingProgressBar("training " + WrenchStudentEvaluation.resultKey(studentKind))) {
        result =
            WrenchStudentEvaluation.evaluate(
                data,
                weak,
                teacherResult == null ? null : teacherResult.embeddings(),
                config,
                fewShot != null,
                bar);
      }
      System.err.printf(
          Locale.ROOT,
          "weakstream: %s trained in %.1f s on %s labels%n",
          result.model(),
          (System.nanoTime() - start) / 1e9,
          teacherResult != null ? "combined" : LabelModelFactory.DEFAULT);
      report = with(report, Map.of(result.model(), result));
      start = System.nanoTime();
      WrenchTrust.Measured studentTrust =
          WrenchTrust.ofStudent(
              data,
              weak,
              teacherResult == null ? null : teacherResult.embeddings(),
              config,
              fewShot != null,
              trustSettings);
      trust.put(result.model(), studentTrust.trust());
      logTrust(result.model(), studentTrust, start);
    }
    report.results().values().stream()
        .filter(r -> !r.detail().isEmpty())
        .forEach(r -> System.err.println("weakstream: " + r.model() + " " + r.detail()));
    System.out.println(json ? toJson(report, trust) : toTable(report, trust));
    return 0;
  }

  private static void logTrust(String model, WrenchTrust.Measured measured, long startNanos) {
    System.err.printf(
        Locale.ROOT,
        "weakstream: %s trust measured in %.1f s; %s; %s%n",
        model,
        (System.nanoTime() - startNanos) / 1e9,
        measured.crossFitting().detail(),
        measured.trust().detail());
  }

  private static WrenchEvaluation.Report with(
      WrenchEvaluation.Report report, Map<String, WrenchEvaluation.ModelResult> more) {
    Map<String, WrenchEvaluation.ModelResult> all = new LinkedHashMap<>(report.results());
    all.putAll(more);
    return new WrenchEvaluation.Report(
        report.dataset(), report.metric(), report.defaultModel(), all);
  }

  private TeacherEvaluation.Result evaluateTeacher(WrenchDataset data, TeacherManifest manifest) {
    int capacity = data.train().size() + data.valid().size() + data.test().size() + 64;
    try (SentenceEncoder encoder = SentenceEncoder.open(manifest, capacity)) {
      long start = System.nanoTime();
      TeacherEvaluation.Result result =
          TeacherEvaluation.evaluate(data, encoder, fewShot != null, seed);
      System.err.printf(
          Locale.ROOT,
          "weakstream: teacher %s on %s: %d texts embedded in %.1f s," + " total %.1f s%n",
          teacher,
          result.device(),
          result.texts(),
          result.embedSeconds(),
          (System.nanoTime() - start) / 1e9);
      System.err.println("weakstream: teacher " + result.detail());
      return result;
    }
  }

  static String toJson(WrenchEvaluation.Report report, Map<String, TrustEvaluation.Trust> trust)
      throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("dataset", report.dataset());
    root.put("metric", WrenchMetrics.key(report.metric()));
    root.put("default", report.defaultModel());
    ObjectNode results = root.putObject("results");
    report
        .results()
        .forEach(
            (name, r) -> {
              ObjectNode node = results.putObject(name);
              node.put("accuracy", percent(r.testAccuracy()));
              if (r.testF1() != null) {
                node.put("f1", percent(r.testF1()));
              }
              TrustEvaluation.Trust t = trust.get(name);
              if (t != null) {
                ObjectNode tn = node.putObject("trust");
                tn.put("ece_raw", round(t.eceRaw()));
                tn.put("ece_calibrated", round(t.eceCalibrated()));
                putNullable(tn, "coverage", t.coverage());
                putNullable(tn, "mean_set_size", t.meanSetSize());
                tn.put("alpha", t.alpha());
                tn.put("flagged", t.flagged());
                putNullable(tn, "flag_precision", t.flagPrecision());
                putNullable(tn, "flag_recall", t.flagRecall());
              }
            });
    return mapper.writeValueAsString(root);
  }

  static String toTable(WrenchEvaluation.Report report, Map<String, TrustEvaluation.Trust> trust) {
    Metric metric = report.metric();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "dataset %s, metric %s, default %s%n",
            report.dataset(),
            WrenchMetrics.key(metric),
            report.defaultModel()));
    out.append(
        String.format(
            Locale.ROOT,
            "%-12s %10s %10s %10s %10s  %s%n",
            "model",
            "valid acc",
            "valid f1",
            "test acc",
            "test f1",
            "version"));
    report
        .results()
        .forEach(
            (name, r) ->
                out.append(
                    String.format(
                        Locale.ROOT,
                        "%-12s %10s %10s %10s %10s  %s%n",
                        name,
                        fmt(r.validAccuracy()),
                        fmt(r.validF1()),
                        fmt(r.testAccuracy()),
                        fmt(r.testF1()),
                        r.version())));
    if (!trust.isEmpty()) {
      double a = trust.values().iterator().next().alpha();
      out.append(
          String.format(
              Locale.ROOT,
              "%ntrust (calibrated and conformal on valid, scored on test, alpha %s; flags on"
                  + " train)%n",
              a));
      out.append(
          String.format(
              Locale.ROOT,
              "%-16s %8s %8s %8s %8s %8s %8s %8s%n",
              "model",
              "ece raw",
              "ece cal",
              "coverage",
              "set size",
              "flagged",
              "flag P",
              "flag R"));
      trust.forEach(
          (name, t) ->
              out.append(
                  String.format(
                      Locale.ROOT,
                      "%-16s %8s %8s %8s %8s %8d %8s %8s%n",
                      name,
                      fraction(t.eceRaw()),
                      fraction(t.eceCalibrated()),
                      fraction(t.coverage()),
                      t.meanSetSize() == null
                          ? "-"
                          : String.format(Locale.ROOT, "%.3f", t.meanSetSize()),
                      t.flagged(),
                      fraction(t.flagPrecision()),
                      fraction(t.flagRecall()))));
    }
    return out.toString().stripTrailing();
  }

  private static String fraction(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.4f", v);
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }

  private static void putNullable(ObjectNode node, String key, Double value) {
    if (value == null) {
      node.putNull(key);
    } else {
      node.put(key, round(value));
    }
  }

  private static String fmt(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.2f", 100 * v);
  }

  private static double percent(double fraction) {
    return Math.round(fraction * 100 * 10_000) / 10_000.0;
  }

  /** Completion candidates: the registered label model names. */
  static final class ModelNames extends ArrayList<String> {

    private static final long serialVersionUID = 1L;

    ModelNames() {
      super(LabelModelFactory.names());
    }
  }
}
