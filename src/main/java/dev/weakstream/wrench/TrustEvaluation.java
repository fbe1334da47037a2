package dev.weakstream.wrench;

import dev.weakstream.core.LabelingFunction;
import dev.weakstream.core.Prediction;
import dev.weakstream.trust.CalibrationError;
import dev.weakstream.trust.CalibrationKind;
import dev.weakstream.trust.CalibrationSet;
import dev.weakstream.trust.Calibrator;
import dev.weakstream.trust.ConformalPredictor;
import dev.weakstream.trust.ConformalResult;
import dev.weakstream.trust.ConformalSettings;
import dev.weakstream.trust.LabelCheck;
import dev.weakstream.trust.LabelErrorDetector;
import dev.weakstream.trust.LabelErrorThresholds;
import dev.weakstream.trust.NonconformityWindow;
import java.util.List;
import java.util.Locale;

/**
 * Measures how far one model's labels on a {@link WrenchDataset} can be trusted, with the {@code
 * dev.weakstream.trust} parts as the stream will run them:
 *
 * <ul>
 *   <li>calibration: a calibrator fitted on the valid split (the dev stream's gold), expected
 *       calibration error of the raw and the calibrated probabilities on test;
 *   <li>conformal sets: valid's nonconformity scores (calibrated probabilities) in a {@link
 *       NonconformityWindow}, every test row's set, their coverage of the test gold and mean size;
 *   <li>label-error flags on train: per-class thresholds observed over every train row an LF covers
 *       (its weak label and its out-of-sample probabilities), then each such row checked; precision
 *       and recall against "weak label ≠ gold label" (train gold read only here, to score).
 * </ul>
 *
 * <p>Record ids are the row positions in their split, as {@link WrenchPipeline} streams them, so
 * the smoothed conformal tie rule gives each row the set the stream gives it. Rows no LF covers are
 * not checked (as in the cleanlab reference protocol). Stateless and thread-safe.
 */
public final class TrustEvaluation {

  private TrustEvaluation() {}

  /**
   * What to measure with.
   *
   * @param calibration the calibrator kind
   * @param conformal alpha, mode, window capacity, tie rule and seed of the label sets
   * @param flagQuantile the per-class threshold quantile of the label-error flags
   */
  public record Settings(
      CalibrationKind calibration, ConformalSettings conformal, double flagQuantile) {

    /** The defaults: {@link CalibrationKind#DEFAULT}, {@link ConformalSettings#defaults()}. */
    public static Settings defaults() {
      return new Settings(
          CalibrationKind.DEFAULT,
          ConformalSettings.defaults(),
          LabelErrorThresholds.DEFAULT_QUANTILE);
    }

    public Settings withAlpha(double alpha) {
      return new Settings(calibration, conformal.withAlpha(alpha), flagQuantile);
    }
  }

  /**
   * The trust measurements of one model; fractions in [0, 1].
   *
   * @param coverage fraction of test rows whose set holds the gold class; null when valid has too
   *     little gold for the guarantee
   * @param meanSetSize mean set size on test; null likewise
   * @param flagged train rows flagged
   * @param flagPrecision fraction of flagged rows whose weak label is wrong; null with no flags or
   *     no train gold
   * @param flagRecall fraction of wrongly weak-labelled (LF-covered) rows flagged; null with none
   *     or no train gold
   * @param detail calibrator, thresholds and counts, for logs
   */
  public record Trust(
      double eceRaw,
      double eceCalibrated,
      Double coverage,
      Double meanSetSize,
      double alpha,
      int flagged,
      Double flagPrecision,
      Double flagRecall,
      String detail) {}

  /**
   * Measures one model.
   *
   * @param valid the model's predictions on every valid row (calibration and conformal gold)
   * @param test the model's predictions on every test row (scored)
   * @param trainWeak the weak label of every train row (the model's label), in split order
   * @param trainOutOfSample every train row's probabilities from a model that did not train on it;
   *     null entries are not checked
   */
  public static Trust evaluate(
      WrenchDataset data,
      Prediction[] valid,
      Prediction[] test,
      Prediction[] trainWeak,
      double[][] trainOutOfSample,
      Settings settings) {
    check(valid.length, data.valid().size(), "valid");
    check(test.length, data.test().size(), "test");
    check(trainWeak.length, data.train().size(), "train");
    check(trainOutOfSample.length, data.train().size(), "train out-of-sample");
    int k = data.numClasses();
    CalibrationSet gold = calibrationSet(valid, data.valid().gold());
    Calibrator calibrator = Calibrator.fit(settings.calibration(), gold);
    int[] testGold = data.test().gold();
    double[][] testCalibrated = new double[test.length][];
    double[] rawConfidence = new double[test.length];
    double[] calibratedConfidence = new double[test.length];
    boolean[] correct = new boolean[test.length];
    for (int i = 0; i < test.length; i++) {
      int label = test[i].label();
      testCalibrated[i] = calibrator.calibrate(test[i].probabilities(), label);
      rawConfidence[i] = test[i].probabilities()[label];
      calibratedConfidence[i] = testCalibrated[i][label];
      correct[i] = label == testGold[i];
    }
    double eceRaw = CalibrationError.expected(rawConfidence, correct);
    double eceCalibrated = CalibrationError.expected(calibratedConfidence, correct);

    NonconformityWindow window = new NonconformityWindow(settings.conformal(), k);
    int[] validGold = data.valid().gold();
    for (int i = 0; i < valid.length; i++) {
      window.add(calibrator.calibrate(valid[i].probabilities(), valid[i].label()), validGold[i]);
    }
    ConformalPredictor sets = window.snapshot();
    Double coverage = null;
    Double meanSetSize = null;
    if (sets.guaranteed()) {
      int covered = 0;
      long sizes = 0;
      List<WrenchDataset.Row> rows = data.test().rows();
      for (int i = 0; i < test.length; i++) {
        ConformalResult.LabelSet set =
            (ConformalResult.LabelSet)
                sets.predict(testCalibrated[i], String.valueOf(rows.get(i).index()));
        covered += set.contains(testGold[i]) ? 1 : 0;
        sizes += set.size();
      }
      coverage = (double) covered / test.length;
      meanSetSize = (double) sizes / test.length;
    }

    LabelErrorThresholds thresholds = new LabelErrorThresholds(k, settings.flagQuantile());
    List<WrenchDataset.Row> trainRows = data.train().rows();
    boolean[] checked = new boolean[trainRows.size()];
    for (int i = 0; i < checked.length; i++) {
      checked[i] = trainOutOfSample[i] != null && lfCovered(trainRows.get(i));
      if (checked[i]) {
        thresholds.observe(trainWeak[i].label(), trainOutOfSample[i]);
      }
    }
    LabelErrorDetector detector = thresholds.snapshot();
    int flagged = 0;
    int scoredFlags = 0;
    int truePositives = 0;
    int errors = 0;
    for (int i = 0; i < checked.length; i++) {
      if (!checked[i]) {
        continue;
      }
      int weak = trainWeak[i].label();
      int goldLabel = trainRows.get(i).label();
      boolean isFlagged = detector.check(weak, trainOutOfSample[i]) instanceof LabelCheck.Flagged;
      flagged += isFlagged ? 1 : 0;
      if (goldLabel == WrenchDataset.UNKNOWN_LABEL) {
        continue;
      }
      boolean wrong = weak != goldLabel;
      errors += wrong ? 1 : 0;
      if (isFlagged) {
        scoredFlags++;
        truePositives += wrong ? 1 : 0;
      }
    }
    Double precision = scoredFlags == 0 ? null : (double) truePositives / scoredFlags;
    Double recall = errors == 0 ? null : (double) truePositives / errors;
    String detail =
        String.format(
            Locale.ROOT,
            "trust: %s calibrator %s on %d valid rows; conformal %s alpha %s on %d gold scores;"
                + " flags: %d of %d LF-covered train rows (%d wrong weak labels), thresholds %s",
            calibrator.kind().key(),
            calibrator.version(),
            valid.length,
            settings.conformal().mode().key(),
            settings.conformal().alpha(),
            window.size(),
            flagged,
            count(checked),
            errors,
            format(detector.thresholds()));
    return new Trust(
        eceRaw,
        eceCalibrated,
        coverage,
        meanSetSize,
        settings.conformal().alpha(),
        flagged,
        precision,
        recall,
        detail);
  }

  /** A prediction for a probability vector: its first argmax, covered. */
  public static Prediction prediction(double[] probabilities) {
    int best = 0;
    for (int c = 1; c < probabilities.length; c++) {
      if (probabilities[c] > probabilities[best]) {
        best = c;
      }
    }
    return new Prediction(probabilities, best, probabilities[best], true);
  }

  /** Whether any labeling function voted on the row. */
  public static boolean lfCovered(WrenchDataset.Row row) {
    for (int v : row.weakLabels()) {
      if (v != LabelingFunction.ABSTAIN) {
        return true;
      }
    }
    return false;
  }

  private static CalibrationSet calibrationSet(Prediction[] predictions, int[] gold) {
    double[][] p = new double[predictions.length][];
    int[] labels = new int[predictions.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = predictions[i].probabilities();
      labels[i] = predictions[i].label();
    }
    return new CalibrationSet(p, labels, gold);
  }

  private static void check(int got, int want, String what) {
    if (got != want) {
      throw new IllegalArgumentException(got + " " + what + " predictions for " + want + " rows");
    }
  }

  private static int count(boolean[] b) {
    int n = 0;
    for (boolean v : b) {
      n += v ? 1 : 0;
    }
    return n;
  }

  private static String format(double[] t) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < t.length; i++) {
      out.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.3f", t[i]));
    }
    return out.append("]").toString();
  }
}
