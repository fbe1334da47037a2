package dev.weakstream.wrench;

import dev.weakstream.core.Labeler;
import dev.weakstream.core.Prediction;
import dev.weakstream.core.VoteRow;
import dev.weakstream.labelmodel.DevSet;
import dev.weakstream.labelmodel.HyperparameterSelection;
import dev.weakstream.labelmodel.LabelModelFactory;
import dev.weakstream.labelmodel.LabelModelTrainer;
import dev.weakstream.labelmodel.Metric;
import dev.weakstream.labelmodel.VoteStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates label models on a {@link WrenchDataset} with WRENCH's protocol: each model is fitted on
 * the train votes only (no gold), may use the valid split (votes and gold) to choose
 * hyper-parameters, and is scored on every test row, uncovered rows included. Tie keys are the row
 * positions in their split, so majority vote reproduces WRENCH's published numbers exactly.
 *
 * <p>Stateless and thread-safe.
 */
public final class WrenchEvaluation {

  private WrenchEvaluation() {}

  /**
   * Scores of one label model, as fractions in [0, 1]; F1 of class 1 only for binary tasks; {@code
   * detail} says what a selecting model chose (empty otherwise).
   */
  public record ModelResult(
      String model,
      String version,
      double validAccuracy,
      Double validF1,
      double testAccuracy,
      Double testF1,
      String detail) {

    /** The test score under {@code metric}. */
    public double test(Metric metric) {
      return metric == Metric.ACCURACY ? testAccuracy : testF1;
    }

    /** The valid score under {@code metric}. */
    public double valid(Metric metric) {
      return metric == Metric.ACCURACY ? validAccuracy : validF1;
    }
  }

  /** The results of all evaluated models, in evaluation order. */
  public record Report(
      String dataset, Metric metric, String defaultModel, Map<String, ModelResult> results) {}

  /** Evaluates the named models (see {@link LabelModelFactory}). */
  public static Report evaluate(WrenchDataset data, List<String> models) {
    Metric metric = WrenchMetrics.forDataset(data.name());
    VoteStatistics stats =
        new VoteStatistics(
            data.numSources(),
            data.numClasses(),
            Math.max(VoteStatistics.DEFAULT_CAPACITY, data.train().size()),
            0,
            VoteStatistics.DEFAULT_SEED);
    for (WrenchDataset.Row row : data.train().rows()) {
      stats.update(row.voteRow());
    }
    DevSet dev = new DevSet(data.valid().voteRows(), data.valid().gold(), metric);
    Map<String, ModelResult> results = new LinkedHashMap<>();
    for (String name : models) {
      LabelModelTrainer trainer = LabelModelFactory.trainer(name);
      Labeler labeler;
      String detail = "";
      if (trainer instanceof HyperparameterSelection selection) {
        HyperparameterSelection.Selected selected = selection.fitSelected(stats, dev);
        labeler = selected.model();
        detail = "selected: " + selected.config();
      } else {
        labeler = trainer.fit(stats, dev);
      }
      results.put(name, score(name, labeler, data, detail));
    }
    return new Report(data.name(), metric, LabelModelFactory.DEFAULT, results);
  }

  /** A model's predictions on every row of each split, in split order. */
  public record SplitPredictions(Prediction[] train, Prediction[] valid, Prediction[] test) {}

  /**
   * The default label model's predictions on every train row (LFs only): fitted on the train votes
   * without gold, selected on valid, exactly as {@link #evaluate} scores it. What a student trains
   * on when there is no teacher.
   */
  public static Prediction[] defaultModelTrainPredictions(WrenchDataset data) {
    return defaultModelPredictions(data).train();
  }

  /**
   * The default label model's predictions on every row of train, valid and test, fitted and
   * selected exactly as {@link #evaluate} does (the trust measurements calibrate on valid, score
   * test and flag train).
   */
  public static SplitPredictions defaultModelPredictions(WrenchDataset data) {
    Metric metric = WrenchMetrics.forDataset(data.name());
    VoteStatistics stats =
        new VoteStatistics(
            data.numSources(),
            data.numClasses(),
            Math.max(VoteStatistics.DEFAULT_CAPACITY, data.train().size()),
            0,
            VoteStatistics.DEFAULT_SEED);
    for (WrenchDataset.Row row : data.train().rows()) {
      stats.update(row.voteRow());
    }
    DevSet dev = new DevSet(data.valid().voteRows(), data.valid().gold(), metric);
    LabelModelTrainer trainer = LabelModelFactory.trainer(LabelModelFactory.DEFAULT);
    Labeler labeler =
        trainer instanceof HyperparameterSelection selection
            ? selection.fitSelected(stats, dev).model()
            : trainer.fit(stats, dev);
    return new SplitPredictions(
        predictAll(labeler, data.train().voteRows()),
        predictAll(labeler, data.valid().voteRows()),
        predictAll(labeler, data.test().voteRows()));
  }

  private static Prediction[] predictAll(Labeler labeler, List<VoteRow> rows) {
    Prediction[] out = new Prediction[rows.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = labeler.predict(rows.get(i));
    }
    return out;
  }

  private static ModelResult score(
      String name, Labeler labeler, WrenchDataset data, String detail) {
    return score(name, labeler, data.valid().voteRows(), data.test().voteRows(), data, detail);
  }

  /**
   * Scores a labeler on given valid and test vote rows (e.g. with extra sources) against the gold.
   */
  static ModelResult score(
      String name,
      Labeler labeler,
      List<VoteRow> validRows,
      List<VoteRow> testRows,
      WrenchDataset data,
      String detail) {
    boolean binary = data.numClasses() == 2;
    int[] validPredicted = predict(labeler, validRows);
    int[] testPredicted = predict(labeler, testRows);
    int[] validGold = data.valid().gold();
    int[] testGold = data.test().gold();
    return new ModelResult(
        name,
        labeler.version(),
        Metric.ACCURACY.score(validGold, validPredicted),
        binary ? Metric.F1_POSITIVE.score(validGold, validPredicted) : null,
        Metric.ACCURACY.score(testGold, testPredicted),
        binary ? Metric.F1_POSITIVE.score(testGold, testPredicted) : null,
        detail);
  }

  private static int[] predict(Labeler labeler, List<VoteRow> rows) {
    int[] predicted = new int[rows.size()];
    for (int i = 0; i < predicted.length; i++) {
      predicted[i] = labeler.predict(rows.get(i)).label();
    }
    return predicted;
  }
}
