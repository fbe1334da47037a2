package dev.weakstream.wrench;

import dev.weakstream.core.Prediction;
import dev.weakstream.labelmodel.Metric;
import dev.weakstream.student.HashedFeaturizer;
import dev.weakstream.student.LinearStudent;
import dev.weakstream.training.GoldExample;
import dev.weakstream.training.SoftLabeledExample;
import dev.weakstream.training.StudentKind;
import dev.weakstream.training.StudentTrainer;
import dev.weakstream.training.StudentTrainerConfig;
import dev.weakstream.training.TrainingProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Evaluates a student on a {@link WrenchDataset} with WRENCH's protocol: trained on the train
 * split's weak labels (the soft labels of the default label model, or of {@code combined} LFs +
 * teacher), with the valid split as the gold set for early stopping and L2 selection only, scored
 * on every test row. Test labels are read only to score. With {@code useLabeledIds}, the train rows
 * listed in {@code labeled_ids.json} train on their gold label instead of their weak label (the
 * rows the few-shot head sees). Train rows no source covered (LF-only label model) are left out.
 *
 * <p>Stateless and thread-safe.
 */
public final class WrenchStudentEvaluation {

  /** How much more a hand-labelled train row counts than a weakly labelled one. */
  static final double LABELED_ROW_WEIGHT = 1;

  private WrenchStudentEvaluation() {}

  /** The result key of a student kind: {@code student_hashed} or {@code student_embedding}. */
  public static String resultKey(StudentKind kind) {
    return "student_" + kind.key();
  }

  /** The default trainer config for a dataset: its WRENCH metric selects. */
  public static StudentTrainerConfig defaultConfig(WrenchDataset data, StudentKind kind) {
    return StudentTrainerConfig.defaults(kind)
        .withSelectionMetric(WrenchMetrics.forDataset(data.name()));
  }

  /**
   * Trains and scores one student.
   *
   * @param weakLabels the label model's prediction for every train row, in split order
   * @param embeddings the teacher's embeddings (required for embedding students, else may be null)
   */
  public static WrenchEvaluation.ModelResult evaluate(
      WrenchDataset data,
      Prediction[] weakLabels,
      TeacherEvaluation.Embeddings embeddings,
      StudentTrainerConfig config,
      boolean useLabeledIds,
      TrainingProgress progress) {
    boolean dense = config.kind() == StudentKind.EMBEDDING;
    if (dense && embeddings == null) {
      throw new IllegalArgumentException(
          "an embedding student needs the teacher's embeddings (--teacher)");
    }
    List<WrenchDataset.Row> trainRows = data.train().rows();
    if (weakLabels.length != trainRows.size()) {
      throw new IllegalArgumentException(
          weakLabels.length + " weak labels for " + trainRows.size() + " train rows");
    }
    List<SoftLabeledExample> train = new ArrayList<>(trainRows.size());
    int gold = 0;
    int skipped = 0;
    for (int i = 0; i < trainRows.size(); i++) {
      WrenchDataset.Row row = trainRows.get(i);
      float[] embedding = dense ? embeddings.train()[i] : null;
      if (useLabeledIds
          && data.labeledIds().contains(row.id())
          && row.label() != WrenchDataset.UNKNOWN_LABEL) {
        train.add(
            SoftLabeledExample.hard(
                row.id(),
                row.text(),
                row.label(),
                data.numClasses(),
                embedding,
                LABELED_ROW_WEIGHT));
        gold++;
      } else if (weakLabels[i].covered()) {
        train.add(
            new SoftLabeledExample(row.id(), row.text(), weakLabels[i].probabilities(), embedding));
      } else {
        skipped++;
      }
    }
    List<GoldExample> valid = goldRows(data.valid(), dense ? embeddings.valid() : null);
    StudentTrainer.Result trained =
        new StudentTrainer(config).train(train, valid, data.classNames(), progress);
    LinearStudent model = trained.model();
    int[] validPredicted = predict(model, data.valid(), dense ? embeddings.valid() : null);
    int[] testPredicted = predict(model, data.test(), dense ? embeddings.test() : null);
    boolean binary = data.numClasses() == 2;
    int[] vg = data.valid().gold();
    int[] tg = data.test().gold();
    String detail =
        String.format(
            Locale.ROOT,
            "%d train rows (%d gold from labeled_ids, %d uncovered left out),"
                + " selected T %s l2 %.0e epoch %d; candidates %s",
            train.size(),
            gold,
            skipped,
            trained.temperature(),
            trained.l2(),
            trained.epoch(),
            trained.candidates());
    return new WrenchEvaluation.ModelResult(
        resultKey(config.kind()),
        model.provenance().get("trainer.config"),
        Metric.ACCURACY.score(vg, validPredicted),
        binary ? Metric.F1_POSITIVE.score(vg, validPredicted) : null,
        Metric.ACCURACY.score(tg, testPredicted),
        binary ? Metric.F1_POSITIVE.score(tg, testPredicted) : null,
        detail);
  }

  private static List<GoldExample> goldRows(WrenchDataset.Split split, float[][] embeddings) {
    List<GoldExample> out = new ArrayList<>(split.size());
    for (WrenchDataset.Row r : split.rows()) {
      out.add(
          new GoldExample(
              r.id(), r.text(), embeddings == null ? null : embeddings[r.index()], r.label()));
    }
    return out;
  }

  private static int[] predict(
      LinearStudent model, WrenchDataset.Split split, float[][] embeddings) {
    HashedFeaturizer featurizer =
        model.hashing() == null ? null : new HashedFeaturizer(model.hashing());
    int[] out = new int[split.size()];
    for (WrenchDataset.Row r : split.rows()) {
      double[] p =
          model.predict(
              featurizer == null ? null : featurizer.featurize(r.text()),
              embeddings == null ? null : embeddings[r.index()]);
      int best = 0;
      for (int c = 1; c < p.length; c++) {
        if (p[c] > p[best]) {
          best = c;
        }
      }
      out[r.index()] = best;
    }
    return out;
  }
}
