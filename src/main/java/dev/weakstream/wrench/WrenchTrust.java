package dev.weakstream.wrench;

import dev.weakstream.core.Prediction;
import dev.weakstream.student.HashedFeaturizer;
import dev.weakstream.student.LinearStudent;
import dev.weakstream.training.GoldExample;
import dev.weakstream.training.SoftLabeledExample;
import dev.weakstream.training.StudentKind;
import dev.weakstream.training.StudentTrainerConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The trust measurements of {@code eval wrench}'s results ({@link TrustEvaluation}), with the
 * out-of-sample model each needs for its label-error flags:
 *
 * <ul>
 *   <li>a label model (the default one, or {@code combined}): its own predictions on valid and
 *       test; flags on its train labels with a hashed student cross-fitted on those labels ({@link
 *       CrossFitting}) — the stream's student, trained on earlier shards, plays that part there;
 *   <li>a student: its probabilities on valid and test; flags on the weak labels it trained on with
 *       that same kind of student cross-fitted on them.
 * </ul>
 *
 * <p>Students are trained as {@link WrenchStudentEvaluation} trains them (same examples, same
 * config, deterministic), so the measured student is the evaluated one. Stateless and thread-safe.
 */
public final class WrenchTrust {

  private WrenchTrust() {}

  /** A trust measurement and the cross-fitting behind its flags. */
  public record Measured(TrustEvaluation.Trust trust, CrossFitting.Result crossFitting) {}

  /**
   * Trust of a label model's predictions; its train rows with a covered prediction train the
   * cross-fitted hashed student.
   */
  public static Measured ofLabelModel(
      WrenchDataset data,
      WrenchEvaluation.SplitPredictions predictions,
      TrustEvaluation.Settings settings) {
    Examples examples = examples(data, predictions.train(), null, false);
    CrossFitting.Result fitted =
        CrossFitting.fit(
            examples.rows,
            goldRows(data.valid(), null),
            data.classNames(),
            WrenchStudentEvaluation.defaultConfig(data, StudentKind.HASHED),
            CrossFitting.DEFAULT_FOLDS,
            CrossFitting.DEFAULT_SEED,
            false);
    TrustEvaluation.Trust trust =
        TrustEvaluation.evaluate(
            data,
            predictions.valid(),
            predictions.test(),
            predictions.train(),
            examples.outOfSample(fitted, data.train().size()),
            settings);
    return new Measured(trust, fitted);
  }

  /**
   * Trust of a student trained as {@link WrenchStudentEvaluation#evaluate} trains it.
   *
   * @param weakLabels the label model's prediction for every train row (what the student learns)
   * @param embeddings the teacher's embeddings (embedding students), else null
   */
  public static Measured ofStudent(
      WrenchDataset data,
      Prediction[] weakLabels,
      TeacherEvaluation.Embeddings embeddings,
      StudentTrainerConfig config,
      boolean useLabeledIds,
      TrustEvaluation.Settings settings) {
    boolean dense = config.kind() == StudentKind.EMBEDDING;
    Examples examples =
        examples(data, weakLabels, dense ? embeddings.train() : null, useLabeledIds);
    CrossFitting.Result fitted =
        CrossFitting.fit(
            examples.rows,
            goldRows(data.valid(), dense ? embeddings.valid() : null),
            data.classNames(),
            config,
            CrossFitting.DEFAULT_FOLDS,
            CrossFitting.DEFAULT_SEED,
            true);
    Prediction[] valid =
        predictions(fitted.full(), data.valid(), dense ? embeddings.valid() : null);
    Prediction[] test = predictions(fitted.full(), data.test(), dense ? embeddings.test() : null);
    TrustEvaluation.Trust trust =
        TrustEvaluation.evaluate(
            data,
            valid,
            test,
            weakLabels,
            examples.outOfSample(fitted, data.train().size()),
            settings);
    return new Measured(trust, fitted);
  }

  /** The training rows and the train row each came from. */
  private record Examples(List<SoftLabeledExample> rows, int[] rowOf) {

    double[][] outOfSample(CrossFitting.Result fitted, int trainRows) {
      double[][] out = new double[trainRows][];
      for (int e = 0; e < rowOf.length; e++) {
        out[rowOf[e]] = fitted.outOfFold()[e];
      }
      return out;
    }
  }

  /** The student's training rows, chosen as {@link WrenchStudentEvaluation} chooses them. */
  private static Examples examples(
      WrenchDataset data, Prediction[] weakLabels, float[][] embeddings, boolean useLabeledIds) {
    List<WrenchDataset.Row> trainRows = data.train().rows();
    if (weakLabels.length != trainRows.size()) {
      throw new IllegalArgumentException(
          weakLabels.length + " weak labels for " + trainRows.size() + " train rows");
    }
    List<SoftLabeledExample> rows = new ArrayList<>();
    int[] rowOf = new int[trainRows.size()];
    for (int i = 0; i < trainRows.size(); i++) {
      WrenchDataset.Row row = trainRows.get(i);
      float[] embedding = embeddings == null ? null : embeddings[i];
      if (useLabeledIds
          && data.labeledIds().contains(row.id())
          && row.label() != WrenchDataset.UNKNOWN_LABEL) {
        rowOf[rows.size()] = i;
        rows.add(
            SoftLabeledExample.hard(
                row.id(),
                row.text(),
                row.label(),
                data.numClasses(),
                embedding,
                WrenchStudentEvaluation.LABELED_ROW_WEIGHT));
      } else if (weakLabels[i].covered()) {
        rowOf[rows.size()] = i;
        rows.add(
            new SoftLabeledExample(row.id(), row.text(), weakLabels[i].probabilities(), embedding));
      }
    }
    return new Examples(rows, java.util.Arrays.copyOf(rowOf, rows.size()));
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

  private static Prediction[] predictions(
      LinearStudent model, WrenchDataset.Split split, float[][] embeddings) {
    HashedFeaturizer featurizer =
        model.hashing() == null ? null : new HashedFeaturizer(model.hashing());
    Prediction[] out = new Prediction[split.size()];
    for (WrenchDataset.Row r : split.rows()) {
      out[r.index()] =
          TrustEvaluation.prediction(
              CrossFitting.predict(
                  model, featurizer, r.text(), embeddings == null ? null : embeddings[r.index()]));
    }
    return out;
  }
}
