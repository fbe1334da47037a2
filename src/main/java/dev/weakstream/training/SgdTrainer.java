package dev.weakstream.training;

import dev.weakstream.core.Softmax;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Fits one candidate (label temperature, L2) from zero with plain SGD on the noise-aware
 * cross-entropy {@code -sum_c q_c log p_c} times the row weight, plus {@code l2/2 |W|^2} (the bias
 * is not regularised), with {@code lr_t = lr / (1 + lr * l2 * t)}. With averaging, the model
 * evaluated after epoch e is the mean of the end-of-epoch weights 1..e. After each epoch the model
 * is scored on gold; the candidate stops after {@code patience} epochs without improvement and
 * keeps its best epoch.
 *
 * <p>Deterministic given the seed: every candidate shuffles its rows with a generator seeded alike,
 * so all see the same order. Counts finished epochs across the candidates it runs, for progress.
 *
 * <p>Not thread-safe: one per training call, run on one thread.
 */
final class SgdTrainer {

  /** A candidate's best weights and how it got there. */
  record Fitted(StudentTrainer.Candidate candidate, LinearWeights weights) {}

  private final StudentTrainerConfig config;
  private final FeaturizedExamples examples;
  private final int sparseSize;
  private final int denseSize;
  private final int numClasses;
  private final TrainingProgress progress;
  private final int totalEpochs;
  private int done;

  /**
   * @param embeddingDim width of the dense input (0 for none)
   * @param totalEpochs epochs planned over every candidate this trainer will run
   */
  SgdTrainer(
      StudentTrainerConfig config,
      FeaturizedExamples examples,
      int embeddingDim,
      int numClasses,
      TrainingProgress progress,
      int totalEpochs) {
    this.config = config;
    this.examples = examples;
    this.sparseSize = config.hashing() == null ? 0 : config.hashing().dimension() * numClasses;
    this.denseSize = embeddingDim * numClasses;
    this.numClasses = numClasses;
    this.progress = progress;
    this.totalEpochs = totalEpochs;
  }

  /** Trains from zero on {@code subset} (training row indices), keeping the epoch best on gold. */
  Fitted run(int[] subset, SoftLabelTargets targets, double temperature, double l2) {
    FeaturizedRow[] rows = examples.train();
    FeaturizedRow[] goldRows = examples.gold();
    int c = numClasses;
    LinearWeights current = new LinearWeights(sparseSize, denseSize, c);
    LinearWeights average = config.averaging() ? new LinearWeights(sparseSize, denseSize, c) : null;
    SplittableRandom random = new SplittableRandom(config.seed());
    int[] order = subset.clone();
    long step = 0;
    double candidateScore = Double.NEGATIVE_INFINITY;
    LinearWeights candidateBest = null;
    int candidateEpoch = 0;
    int epoch = 0;
    List<Double> epochScores = new ArrayList<>();
    double[] p = new double[c];
    while (epoch < config.maxEpochs()) {
      epoch++;
      progress.update(
          done,
          totalEpochs,
          String.format(Locale.ROOT, "T=%s l2=%.0e epoch %d", temperature, l2, epoch));
      shuffle(order, random);
      for (int i : order) {
        double lr = config.learningRate() / (1 + config.learningRate() * l2 * step);
        step++;
        double w = targets.weights()[i];
        if (w == 0) {
          continue;
        }
        current.logits(rows[i], p);
        Softmax.inPlace(p);
        double[] q = targets.labels()[i];
        for (int j = 0; j < c; j++) {
          p[j] = w * (p[j] - q[j]);
        }
        current.step(rows[i], p, lr, l2);
      }
      current.normalise();
      LinearWeights evaluated = current;
      if (average != null) {
        average.mixIn(current, 1.0 / epoch);
        evaluated = average;
      }
      done++;
      if (goldRows.length == 0) {
        candidateBest = evaluated;
        candidateEpoch = epoch;
        continue;
      }
      double score =
          config.selectionMetric().score(examples.goldLabels(), evaluated.predict(goldRows));
      epochScores.add(score);
      if (score > candidateScore) {
        candidateScore = score;
        candidateBest = evaluated.copy();
        candidateEpoch = epoch;
      } else if (epoch - candidateEpoch >= config.patience()) {
        break;
      }
    }
    done += config.maxEpochs() - epoch;
    return new Fitted(
        new StudentTrainer.Candidate(
            temperature, l2, candidateEpoch, candidateScore, epoch, epochScores),
        candidateBest);
  }

  /** Fisher-Yates shuffle of {@code order} in place. */
  static void shuffle(int[] order, SplittableRandom random) {
    for (int i = order.length - 1; i > 0; i--) {
      int k = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[k];
      order[k] = t;
    }
  }
}
