package dev.weakstream.teacher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Few-shot classification: a class-balanced multinomial {@link LogisticRegression} on sentence
 * embeddings, fitted on gold-labelled rows only (a seed set, or gold records seen in the stream;
 * refit by fitting a new head as more gold arrives). The L2 penalty is chosen by seeded stratified
 * k-fold cross-validation on those rows (lowest out-of-fold log-loss after temperature scaling),
 * and the output is calibrated with the temperature that minimises the out-of-fold log-loss, so the
 * probabilities can serve as soft votes. The out-of-fold probabilities of the gold rows are kept:
 * where the gold rows are also unlabelled data for a label model, those honest probabilities are
 * the teacher's votes on them (not the fitted ones, which are overconfident).
 *
 * <p>Immutable and thread-safe; deterministic for a given seed.
 */
public final class FewShotHead implements ClassificationHead {

  /** Candidate L2 penalties (objective: mean NLL + lambda/2 ||W||^2 on unit-norm embeddings). */
  public static final double[] LAMBDAS = {1e-4, 1e-3, 1e-2, 1e-1};

  /** Default seed of the fold assignment. */
  public static final long DEFAULT_SEED = 42;

  static final int MAX_FOLDS = 5;
  static final int MAX_ITERATIONS = 800;

  private final LogisticRegression model;
  private final double temperature;
  private final double lambda;
  private final double[][] outOfFold;
  private final String version;

  private FewShotHead(
      LogisticRegression model, double temperature, double lambda, double[][] outOfFold, int rows) {
    this.model = model;
    this.temperature = temperature;
    this.lambda = lambda;
    this.outOfFold = outOfFold;
    this.version =
        String.format(
            Locale.ROOT,
            "fs-%08x-n%d-l%.0e-t%.3f",
            model.parameterHash(),
            rows,
            lambda,
            temperature);
  }

  /**
   * Fits a head on gold rows.
   *
   * @param embeddings one embedding per gold row
   * @param gold the rows' classes
   */
  public static FewShotHead fit(float[][] embeddings, int[] gold, int numClasses, long seed) {
    if (embeddings.length != gold.length || embeddings.length < 2) {
      throw new IllegalArgumentException("need at least 2 gold rows, one label each");
    }
    double[] weight = classBalancedWeights(gold, numClasses);
    int[] fold = folds(gold, numClasses, seed);
    int numFolds = Arrays.stream(fold).max().orElse(0) + 1;
    double bestLoss = Double.POSITIVE_INFINITY;
    double bestLambda = LAMBDAS[LAMBDAS.length / 2];
    double[][] bestLogits = null;
    double bestT = 1;
    if (numFolds >= 2) {
      for (double lambda : LAMBDAS) {
        double[][] logits =
            outOfFoldLogits(embeddings, gold, weight, fold, numFolds, numClasses, lambda);
        double t = Softmax.fitTemperature(logits, gold);
        double loss = Softmax.nll(logits, gold, t);
        if (loss < bestLoss - 1e-9) {
          bestLoss = loss;
          bestLambda = lambda;
          bestLogits = logits;
          bestT = t;
        }
      }
    }
    LogisticRegression model =
        LogisticRegression.fit(embeddings, gold, weight, numClasses, bestLambda, MAX_ITERATIONS);
    double[][] oof = null;
    if (bestLogits != null) {
      oof = new double[bestLogits.length][];
      for (int i = 0; i < oof.length; i++) {
        oof[i] = Softmax.of(bestLogits[i], bestT);
      }
    }
    return new FewShotHead(model, bestT, bestLambda, oof, gold.length);
  }

  /** Weight n / (classes present * n_c) per row, so every class present weighs the same. */
  static double[] classBalancedWeights(int[] gold, int numClasses) {
    int[] count = new int[numClasses];
    for (int g : gold) {
      count[g]++;
    }
    long present = Arrays.stream(count).filter(c -> c > 0).count();
    double[] w = new double[gold.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = gold.length / (double) (present * count[gold[i]]);
    }
    return w;
  }

  /** Stratified fold per row: rows of each class shuffled (seeded) and dealt round-robin. */
  static int[] folds(int[] gold, int numClasses, long seed) {
    int[] count = new int[numClasses];
    for (int g : gold) {
      count[g]++;
    }
    int numFolds = Math.min(MAX_FOLDS, gold.length / 2);
    int[] fold = new int[gold.length];
    Random random = new Random(seed);
    int next = 0;
    for (int c = 0; c < numClasses; c++) {
      List<Integer> rows = new ArrayList<>();
      for (int i = 0; i < gold.length; i++) {
        if (gold[i] == c) {
          rows.add(i);
        }
      }
      Collections.shuffle(rows, random);
      for (int i : rows) {
        fold[i] = next++ % Math.max(numFolds, 1);
      }
    }
    return fold;
  }

  private static double[][] outOfFoldLogits(
      float[][] x, int[] y, double[] w, int[] fold, int numFolds, int k, double lambda) {
    double[][] logits = new double[x.length][];
    for (int f = 0; f < numFolds; f++) {
      List<Integer> train = new ArrayList<>();
      for (int i = 0; i < x.length; i++) {
        if (fold[i] != f) {
          train.add(i);
        }
      }
      float[][] tx = new float[train.size()][];
      int[] ty = new int[train.size()];
      double[] tw = new double[train.size()];
      for (int r = 0; r < tx.length; r++) {
        tx[r] = x[train.get(r)];
        ty[r] = y[train.get(r)];
        tw[r] = w[train.get(r)];
      }
      LogisticRegression m = LogisticRegression.fit(tx, ty, tw, k, lambda, MAX_ITERATIONS);
      for (int i = 0; i < x.length; i++) {
        if (fold[i] == f) {
          logits[i] = m.logits(x[i]);
        }
      }
    }
    return logits;
  }

  public double temperature() {
    return temperature;
  }

  public double lambda() {
    return lambda;
  }

  /**
   * Out-of-fold calibrated probabilities of the gold rows it was fitted on (in their order), or
   * null when there were too few rows to cross-validate.
   */
  public double[][] outOfFoldProbabilities() {
    return outOfFold == null
        ? null
        : Arrays.stream(outOfFold).map(double[]::clone).toArray(double[][]::new);
  }

  @Override
  public String kind() {
    return "fewshot";
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public int numClasses() {
    return model.numClasses();
  }

  @Override
  public double[] probabilities(float[] embedding) {
    return Softmax.of(model.logits(embedding), temperature);
  }
}
