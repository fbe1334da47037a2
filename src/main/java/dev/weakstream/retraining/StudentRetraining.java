package dev.weakstream.retraining;

import dev.weakstream.avro.ModelRelease;
import dev.weakstream.avro.ShardKind;
import dev.weakstream.avro.ShardManifest;
import dev.weakstream.labelmodel.Metric;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.pipeline.StudentDefinition;
import dev.weakstream.registry.ModelRegistry;
import dev.weakstream.registry.PromotionDecision;
import dev.weakstream.registry.PromotionGate;
import dev.weakstream.shards.ShardReader;
import dev.weakstream.shards.ShardStore;
import dev.weakstream.student.HashingConfig;
import dev.weakstream.student.LinearStudent;
import dev.weakstream.training.GoldExample;
import dev.weakstream.training.SoftLabeledExample;
import dev.weakstream.training.StudentExporter;
import dev.weakstream.training.StudentKind;
import dev.weakstream.training.StudentTrainer;
import dev.weakstream.training.StudentTrainerConfig;
import dev.weakstream.training.TrainingProgress;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One retraining round of a pipeline's student: reads every sealed training shard (checksums
 * verified) and the gold evaluation set from the shard store, trains with the pipeline's {@code
 * student} settings, exports the result to ONNX with its provenance, publishes it to the registry
 * as a CANDIDATE, and asks the promotion gate to make it ACTIVE (it must beat the active student on
 * gold by {@code promotion_margin}, unless none is active). Running instances then hot-swap it in.
 */
public final class StudentRetraining {

  /** What a round did. */
  public record Outcome(
      StudentTrainer.Result training,
      ModelRelease release,
      PromotionDecision decision,
      int shards,
      int trainRows,
      int goldRows,
      double trainSeconds) {}

  private final PipelineDefinition pipeline;
  private final ShardStore store;
  private final ModelRegistry registry;
  private final String modelName;

  /**
   * @param registry where students are published, or null to train and export only
   * @param modelName the student's name in the registry (instances follow {@code
   *     <pipeline>-student})
   */
  public StudentRetraining(
      PipelineDefinition pipeline, ShardStore store, ModelRegistry registry, String modelName) {
    if (pipeline.student() == null) {
      throw new IllegalArgumentException("pipeline " + pipeline.name() + " has no student section");
    }
    this.pipeline = pipeline;
    this.store = store;
    this.registry = registry;
    this.modelName = modelName;
  }

  /** The trainer settings a pipeline's {@code student} section asks for. */
  public static StudentTrainerConfig trainerConfig(PipelineDefinition pipeline) {
    StudentDefinition student = pipeline.student();
    HashingConfig d = HashingConfig.DEFAULT;
    StudentTrainerConfig config =
        StudentTrainerConfig.defaults(StudentKind.of(student.features().key()))
            .withHashing(
                new HashingConfig(
                    student.hashBits(),
                    d.minWordNgram(),
                    d.maxWordNgram(),
                    d.minCharNgram(),
                    d.maxCharNgram()))
            .withSeed(student.seed())
            .withSelectionMetric(
                gateMetric(pipeline).equals(F1) ? Metric.F1_POSITIVE : Metric.ACCURACY);
    return student.l2() > 0 ? config.withL2Grid(List.of(student.l2())) : config;
  }

  static final String ACCURACY = "gold_accuracy";
  static final String F1 = "gold_f1";

  /**
   * The gold metric the gate compares: F1 of class 1 for binary pipelines selecting on f1, else
   * accuracy.
   */
  public static String gateMetric(PipelineDefinition pipeline) {
    return pipeline.numClasses() == 2
            && pipeline.labelModel().selectionMetric() == Metric.F1_POSITIVE
        ? F1
        : ACCURACY;
  }

  /**
   * A trained student before publication: the training result, its gold metrics and its provenance.
   */
  public record Trained(
      StudentTrainer.Result training,
      Map<String, Double> metrics,
      String gateMetric,
      Map<String, String> provenance,
      int shards,
      int trainRows,
      int goldRows,
      double trainSeconds) {}

  /**
   * Trains, publishes and tries to promote one student.
   *
   * @throws IllegalStateException when there is nothing to train on yet
   */
  public Outcome retrain(TrainingProgress progress) throws IOException {
    return publish(train(progress));
  }

  /**
   * Trains one student on the sealed shards, selecting on the gold evaluation set.
   *
   * @throws IllegalStateException when there is nothing to train on yet
   */
  public Trained train(TrainingProgress progress) throws IOException {
    List<ShardManifest> manifests = store.manifests(ShardKind.TRAINING);
    ShardReader.Examples read = ShardReader.readAll(store, manifests);
    StudentTrainerConfig config = trainerConfig(pipeline);
    boolean embedding = config.kind() == StudentKind.EMBEDDING;
    List<SoftLabeledExample> train =
        read.examples().stream()
            .filter(e -> !embedding || e.getTeacherEmbedding() != null)
            .map(
                e ->
                    new SoftLabeledExample(
                        e.getId(),
                        e.getText(),
                        doubles(e.getProbabilities()),
                        floats(e.getTeacherEmbedding())))
            .toList();
    List<GoldExample> gold =
        store.evaluationSet().stream()
            .filter(
                e -> e.getGoldLabel() != null && (!embedding || e.getTeacherEmbedding() != null))
            .map(
                e ->
                    new GoldExample(
                        e.getId(), e.getText(), floats(e.getTeacherEmbedding()), e.getGoldLabel()))
            .toList();
    if (train.isEmpty()) {
      throw new IllegalStateException(
          "no training rows yet in "
              + manifests.size()
              + " sealed shards of "
              + pipeline.name()
              + (embedding ? " that carry teacher embeddings" : ""));
    }
    long start = System.nanoTime();
    StudentTrainer.Result result =
        new StudentTrainer(config)
            .train(train, gold, pipeline.classes().stream().map(c -> c.name()).toList(), progress);
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Double> metrics = new LinkedHashMap<>();
    if (!gold.isEmpty()) {
      metrics.put(ACCURACY, result.goldAccuracy());
      if (result.goldF1() != null) {
        metrics.put(F1, result.goldF1());
      }
    }
    metrics.put("train_rows", (double) train.size());
    metrics.put("gold_rows", (double) gold.size());
    String gate = metrics.containsKey(gateMetric(pipeline)) ? gateMetric(pipeline) : null;
    return new Trained(
        result,
        metrics,
        gate,
        provenance(manifests, read, result, seconds),
        manifests.size(),
        train.size(),
        gold.size(),
        seconds);
  }

  /** The trained student as an ONNX model, with its provenance in {@code metadata_props}. */
  public byte[] export(Trained trained, String version) {
    return StudentExporter.toOnnx(
        withProvenance(trained.training(), trained.provenance()), modelName, version);
  }

  /** Publishes a trained student as a CANDIDATE and asks the promotion gate to make it ACTIVE. */
  public Outcome publish(Trained trained) {
    if (registry == null) {
      throw new IllegalStateException("no model registry to publish to");
    }
    Integer parent = registry.active(modelName).map(ModelRelease::getVersion).orElse(null);
    ModelRelease release =
        registry.publish(
            modelName,
            version -> export(trained, String.valueOf(version)),
            trained.metrics(),
            trained.gateMetric(),
            trained.provenance(),
            parent);
    PromotionDecision decision =
        trained.gateMetric() == null && parent != null
            ? new PromotionDecision(
                false,
                "no gold evaluation set to compare with the active student",
                release,
                Optional.empty())
            : registry.promote(
                modelName,
                release.getVersion(),
                new PromotionGate(trained.gateMetric(), pipeline.student().promotionMargin()));
    return new Outcome(
        trained.training(),
        release,
        decision,
        trained.shards(),
        trained.trainRows(),
        trained.goldRows(),
        trained.trainSeconds());
  }

  private Map<String, String> provenance(
      List<ShardManifest> manifests,
      ShardReader.Examples read,
      StudentTrainer.Result result,
      double seconds) {
    Map<String, String> p = new LinkedHashMap<>(result.model().provenance());
    p.put("pipeline", pipeline.name());
    p.put(
        "shards",
        manifests.stream().map(m -> m.getShardId().toString()).collect(Collectors.joining(",")));
    p.put("shards.missing", String.join(",", read.missingShards()));
    p.put(
        "label_model.versions",
        joined(manifests.stream().flatMap(m -> m.getLabelModelVersions().stream())));
    p.put(
        "teacher.versions",
        joined(manifests.stream().flatMap(m -> m.getTeacherVersions().stream())));
    p.put(
        "lf_set.versions", joined(manifests.stream().flatMap(m -> m.getLfSetVersions().stream())));
    p.put("train.seconds", String.format(Locale.ROOT, "%.2f", seconds));
    p.put("code.version", codeVersion());
    return p;
  }

  private static LinearStudent withProvenance(
      StudentTrainer.Result result, Map<String, String> provenance) {
    var m = result.model();
    return new LinearStudent(
        m.kind(),
        m.classNames(),
        m.hashing(),
        m.embeddingDim(),
        m.sparseWeights(),
        m.denseWeights(),
        m.bias(),
        provenance);
  }

  private static String joined(Stream<? extends CharSequence> values) {
    return String.join(
        ",", values.map(CharSequence::toString).collect(Collectors.toCollection(TreeSet::new)));
  }

  /** The jar's implementation version (from its manifest), or {@code dev} when run from classes. */
  static String codeVersion() {
    String v = StudentRetraining.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  private static double[] doubles(List<Double> values) {
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  private static float[] floats(List<Float> values) {
    if (values == null) {
      return null;
    }
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }
}
