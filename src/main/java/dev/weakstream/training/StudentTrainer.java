package dev.weakstream.training;

import dev.weakstream.core.Softmax;
import dev.weakstream.labelmodel.Metric;
import dev.weakstream.student.HashedFeaturizer;
import dev.weakstream.student.HashingConfig;
import dev.weakstream.student.LinearStudent;
import dev.weakstream.student.SparseFeatures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Trains a {@link LinearStudent} on soft labels.
 *
 * <p>Loss: noise-aware cross-entropy {@code -sum_c q_c log p_c} against the soft label {@code q}
 * (not its argmax, so a 0.55/0.45 row pushes far less than a 0.99/0.01 one), times the row weight
 * and, with class weighting, {@code sum_c q_c w_c} where {@code w_c = N / (C * soft mass of c)};
 * plus {@code l2/2 |W|^2} (the bias is not regularised). Optimiser: plain SGD with {@code lr_t = lr
 * / (1 + lr * l2 * t)} and the weight-scale trick, so an L2 step costs O(1) and an update touches
 * only the row's non-zero features. With averaging, the model evaluated after epoch e is the mean
 * of the end-of-epoch weights 1..e.
 *
 * <p>Label temperature: the soft labels may be sharpened ({@link #sharpen}); each temperature of
 * the grid is a candidate like an L2 (a label model can be well ranked but badly calibrated, e.g.
 * every uncertain row at 0.45, where the argmax teaches more than the probabilities).
 *
 * <p>Selection: every (temperature, L2) of the grids is trained from zero; after each epoch the
 * model is scored on the gold set ({@link StudentTrainerConfig#selectionMetric()}), a candidate
 * stops after {@code patience} epochs without improvement, and the best (L2, epoch) over all
 * candidates is returned (ties: the earlier one). Without gold rows, the first L2 is trained for
 * {@code maxEpochs} and its gold metrics are NaN.
 *
 * <p>Deterministic given the seed: one thread updates the weights in a fixed shuffled order (every
 * candidate sees the same order); only the featurization, which has no state, runs in parallel.
 * Instances are immutable and thread-safe; each {@link #train} call owns its buffers.
 */
public final class StudentTrainer {

  /**
   * What one L2 candidate reached on gold.
   *
   * @param epochScores the gold score after each epoch run (index 0 = epoch 1); empty without gold
   */
  public record Candidate(
      double temperature,
      double l2,
      int bestEpoch,
      double goldScore,
      int epochsRun,
      List<Double> epochScores) {

    public Candidate {
      epochScores = List.copyOf(epochScores);
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT, "T=%s,l2=%.0e:%.4f@%d", temperature, l2, goldScore, bestEpoch);
    }
  }

  /**
   * The trained student and how it was chosen.
   *
   * @param model the student, with the trainer config, seed and gold metrics in its provenance
   * @param goldAccuracy accuracy on the gold set, a fraction (NaN without gold)
   * @param goldF1 F1 of class 1 on the gold set for binary tasks, else null
   * @param temperature the selected label temperature (1 = soft labels as given, 0 = their argmax)
   * @param l2 the selected L2
   * @param epoch the selected epoch (1-based)
   * @param candidates every L2 candidate's best epoch and gold score, in grid order
   */
  public record Result(
      LinearStudent model,
      double goldAccuracy,
      Double goldF1,
      double temperature,
      double l2,
      int epoch,
      List<Candidate> candidates) {}

  private final StudentTrainerConfig config;

  public StudentTrainer(StudentTrainerConfig config) {
    this.config = config;
  }

  public StudentTrainerConfig config() {
    return config;
  }

  /**
   * Trains on {@code train}, selecting epoch and L2 on {@code gold}.
   *
   * @param classNames class names in id order (their number is C)
   * @throws IllegalArgumentException on an empty train set, a soft label of the wrong width, a gold
   *     label out of range, or a missing / inconsistent embedding for an embedding student
   */
  public Result train(
      List<TrainingExample> train,
      List<GoldExample> gold,
      List<String> classNames,
      TrainingProgress progress) {
    int c = classNames.size();
    if (train.isEmpty()) {
      throw new IllegalArgumentException("no training rows");
    }
    int dim = embeddingDim(train, gold);
    for (TrainingExample e : train) {
      if (e.probabilities().length != c) {
        throw new IllegalArgumentException(
            "row "
                + e.id()
                + " has "
                + e.probabilities().length
                + " probabilities for "
                + c
                + " classes");
      }
    }
    for (GoldExample g : gold) {
      if (g.label() >= c) {
        throw new IllegalArgumentException(
            "gold row " + g.id() + ": label " + g.label() + " >= " + c + " classes");
      }
    }
    HashingConfig hashing = config.hashing();
    HashedFeaturizer featurizer = hashing == null ? null : new HashedFeaturizer(hashing);
    Row[] rows =
        encode(train.size(), i -> train.get(i).text(), i -> train.get(i).embedding(), featurizer);
    Row[] goldRows =
        encode(gold.size(), i -> gold.get(i).text(), i -> gold.get(i).embedding(), featurizer);
    int[] goldLabels = gold.stream().mapToInt(GoldExample::label).toArray();
    int sparseSize = hashing == null ? 0 : hashing.dimension() * c;
    List<Double> grid = gold.isEmpty() ? List.of(config.l2Grid().get(0)) : config.l2Grid();
    List<Double> temperatures =
        gold.isEmpty() ? List.of(config.temperatureGrid().get(0)) : config.temperatureGrid();
    int[] all = IntStream.range(0, rows.length).toArray();
    int[] selectionRows = all;
    boolean subsample =
        grid.size() * temperatures.size() > 1
            && config.selectionRows() > 0
            && rows.length > config.selectionRows();
    if (subsample) {
      selectionRows = all.clone();
      shuffle(selectionRows, new SplittableRandom(config.seed() ^ 0x5E1EC7L));
      selectionRows = Arrays.copyOf(selectionRows, config.selectionRows());
      Arrays.sort(selectionRows);
    }
    int totalEpochs =
        (temperatures.size() * grid.size() + (subsample ? 1 : 0)) * config.maxEpochs();
    Fit fit = new Fit(rows, goldRows, goldLabels, sparseSize, dim * c, c, progress, totalEpochs);
    Fitted best = null;
    List<Candidate> candidates = new ArrayList<>();
    for (double temperature : temperatures) {
      Targets targets = targets(train, temperature, c);
      for (double l2 : grid) {
        Fitted fitted = fit.run(selectionRows, targets, temperature, l2);
        candidates.add(fitted.candidate());
        if (best == null || fitted.candidate().goldScore() > best.candidate().goldScore()) {
          best = fitted;
        }
      }
    }
    if (subsample) {
      // selected on a subsample: retrain the winner on every row, stopping early on gold again
      Candidate chosen = best.candidate();
      best =
          fit.run(all, targets(train, chosen.temperature(), c), chosen.temperature(), chosen.l2());
    }
    progress.update(totalEpochs, totalEpochs, "done");
    double bestL2 = best.candidate().l2();
    double bestTemperature = best.candidate().temperature();
    int bestEpoch = best.candidate().bestEpoch();
    Weights weights = best.weights();

    double accuracy = Double.NaN;
    Double f1 = null;
    if (!gold.isEmpty()) {
      int[] predicted = predict(weights, goldRows, c);
      accuracy = Metric.ACCURACY.score(goldLabels, predicted);
      f1 = c == 2 ? Metric.F1_POSITIVE.score(goldLabels, predicted) : null;
    } else if (c == 2) {
      f1 = Double.NaN;
    }
    Map<String, String> provenance = new LinkedHashMap<>();
    provenance.put("trainer", StudentTrainer.class.getSimpleName());
    provenance.put("trainer.config", config.describe());
    provenance.put("trainer.seed", Long.toString(config.seed()));
    provenance.put("trainer.l2", Double.toString(bestL2));
    provenance.put("trainer.temperature", Double.toString(bestTemperature));
    provenance.put("trainer.epoch", Integer.toString(bestEpoch));
    provenance.put("train.rows", Integer.toString(train.size()));
    provenance.put("gold.rows", Integer.toString(gold.size()));
    provenance.put("gold.accuracy", Double.toString(accuracy));
    if (f1 != null) {
      provenance.put("gold.f1", Double.toString(f1));
    }
    LinearStudent model =
        new LinearStudent(
            config.kind().key(),
            classNames,
            hashing,
            dim,
            toFloats(weights.sparse),
            toFloats(weights.dense),
            toFloats(weights.bias),
            provenance);
    return new Result(
        model, accuracy, f1, bestTemperature, bestL2, bestEpoch, List.copyOf(candidates));
  }

  /**
   * Sharpened soft labels and the per-row weights (row weight x class weight) for one temperature.
   */
  private record Targets(double[][] labels, double[] weights) {}

  private Targets targets(List<TrainingExample> train, double temperature, int c) {
    double[][] labels = new double[train.size()][];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = sharpen(train.get(i).probabilities(), temperature);
    }
    double[] classWeights = classWeights(train, labels, c);
    double[] weights = new double[labels.length];
    for (int i = 0; i < labels.length; i++) {
      double w = 0;
      for (int j = 0; j < c; j++) {
        w += labels[i][j] * classWeights[j];
      }
      weights[i] = train.get(i).weight() * w;
    }
    return new Targets(labels, weights);
  }

  /** A candidate's best weights and how it got there. */
  private record Fitted(Candidate candidate, Weights weights) {}

  /**
   * One {@link #train} call's featurized rows, gold, and progress count; runs one candidate at a
   * time.
   */
  private final class Fit {
    final Row[] rows;
    final Row[] goldRows;
    final int[] goldLabels;
    final int sparseSize;
    final int denseSize;
    final int c;
    final TrainingProgress progress;
    final int totalEpochs;
    int done;

    Fit(
        Row[] rows,
        Row[] goldRows,
        int[] goldLabels,
        int sparseSize,
        int denseSize,
        int c,
        TrainingProgress progress,
        int totalEpochs) {
      this.rows = rows;
      this.goldRows = goldRows;
      this.goldLabels = goldLabels;
      this.sparseSize = sparseSize;
      this.denseSize = denseSize;
      this.c = c;
      this.progress = progress;
      this.totalEpochs = totalEpochs;
    }

    /** Trains from zero on {@code subset} (row indices), keeping the epoch best on gold. */
    Fitted run(int[] subset, Targets targets, double temperature, double l2) {
      Weights current = new Weights(sparseSize, denseSize, c);
      Weights average = config.averaging() ? new Weights(sparseSize, denseSize, c) : null;
      SplittableRandom random = new SplittableRandom(config.seed());
      int[] order = subset.clone();
      long step = 0;
      double candidateScore = Double.NEGATIVE_INFINITY;
      Weights candidateBest = null;
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
          softmax(p);
          double[] q = targets.labels()[i];
          for (int j = 0; j < c; j++) {
            p[j] = w * (p[j] - q[j]);
          }
          current.step(rows[i], p, lr, l2);
        }
        current.normalise();
        Weights evaluated = current;
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
        double score = config.selectionMetric().score(goldLabels, predict(evaluated, goldRows, c));
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
          new Candidate(temperature, l2, candidateEpoch, candidateScore, epoch, epochScores),
          candidateBest);
    }
  }

  private int embeddingDim(List<TrainingExample> train, List<GoldExample> gold) {
    if (config.kind() == StudentKind.HASHED) {
      return 0;
    }
    float[] first = train.get(0).embedding();
    if (first == null || first.length == 0) {
      throw new IllegalArgumentException(
          "an embedding student needs an embedding on every row; row "
              + train.get(0).id()
              + " has none");
    }
    int dim = first.length;
    for (TrainingExample e : train) {
      checkEmbedding(e.id(), e.embedding(), dim);
    }
    for (GoldExample g : gold) {
      checkEmbedding(g.id(), g.embedding(), dim);
    }
    return dim;
  }

  private static void checkEmbedding(String id, float[] embedding, int dim) {
    if (embedding == null || embedding.length != dim) {
      throw new IllegalArgumentException(
          "row "
              + id
              + ": embedding of width "
              + (embedding == null ? "none" : embedding.length)
              + ", expected "
              + dim);
    }
  }

  /**
   * The soft label at temperature {@code t}: {@code q_c^(1/t)} renormalised; 1 leaves it as given,
   * 0 is the one-hot argmax (a tie for the top stays split evenly among the tied classes).
   */
  static double[] sharpen(double[] q, double t) {
    if (t == 1) {
      return q;
    }
    double[] out = new double[q.length];
    if (t == 0) {
      double max = Arrays.stream(q).max().orElseThrow();
      int ties = 0;
      for (double v : q) {
        ties += v == max ? 1 : 0;
      }
      for (int j = 0; j < q.length; j++) {
        out[j] = q[j] == max ? 1.0 / ties : 0;
      }
      return out;
    }
    double sum = 0;
    for (int j = 0; j < q.length; j++) {
      out[j] = Math.pow(q[j], 1 / t);
      sum += out[j];
    }
    for (int j = 0; j < q.length; j++) {
      out[j] /= sum;
    }
    return out;
  }

  private double[] classWeights(List<TrainingExample> train, double[][] targets, int c) {
    double[] w = new double[c];
    Arrays.fill(w, 1);
    if (!config.classWeighting()) {
      return w;
    }
    double[] mass = new double[c];
    double total = 0;
    for (int i = 0; i < targets.length; i++) {
      TrainingExample e = train.get(i);
      for (int j = 0; j < c; j++) {
        mass[j] += e.weight() * targets[i][j];
      }
      total += e.weight();
    }
    for (int j = 0; j < c; j++) {
      w[j] = mass[j] > 0 ? total / (c * mass[j]) : 1;
    }
    return w;
  }

  private Row[] encode(
      int n,
      IntFunction<String> text,
      IntFunction<float[]> embedding,
      HashedFeaturizer featurizer) {
    Row[] out = new Row[n];
    boolean dense = config.kind() == StudentKind.EMBEDDING;
    IntStream.range(0, n)
        .parallel()
        .forEach(
            i ->
                out[i] =
                    new Row(
                        featurizer == null ? null : featurizer.featurize(text.apply(i)),
                        dense ? embedding.apply(i) : null));
    return out;
  }

  private static int[] predict(Weights w, Row[] rows, int c) {
    int[] out = new int[rows.length];
    double[] logits = new double[c];
    for (int i = 0; i < rows.length; i++) {
      w.logits(rows[i], logits);
      int best = 0;
      for (int j = 1; j < c; j++) {
        if (logits[j] > logits[best]) {
          best = j;
        }
      }
      out[i] = best;
    }
    return out;
  }

  private static void shuffle(int[] order, SplittableRandom random) {
    for (int i = order.length - 1; i > 0; i--) {
      int k = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[k];
      order[k] = t;
    }
  }

  static void softmax(double[] z) {
    Softmax.inPlace(z);
  }

  private static float[] toFloats(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  /** One featurized row: hashed features (or null) and the embedding (or null). */
  private record Row(SparseFeatures features, float[] embedding) {}

  /**
   * Weights as {@code scale * stored} (sparse and dense parts; the bias is unscaled), so L2 decay
   * is one multiplication of {@code scale} per step.
   */
  private static final class Weights {
    final double[] sparse;
    final double[] dense;
    final double[] bias;
    double scale = 1;

    Weights(int sparseSize, int denseSize, int c) {
      this.sparse = new double[sparseSize];
      this.dense = new double[denseSize];
      this.bias = new double[c];
    }

    private Weights(double[] sparse, double[] dense, double[] bias) {
      this.sparse = sparse;
      this.dense = dense;
      this.bias = bias;
    }

    void logits(Row row, double[] out) {
      int c = bias.length;
      Arrays.fill(out, 0);
      if (row.features() != null) {
        int[] idx = row.features().indices();
        float[] val = row.features().values();
        for (int k = 0; k < idx.length; k++) {
          int base = idx[k] * c;
          for (int j = 0; j < c; j++) {
            out[j] += val[k] * sparse[base + j];
          }
        }
      }
      if (row.embedding() != null) {
        float[] e = row.embedding();
        for (int d = 0; d < e.length; d++) {
          int base = d * c;
          for (int j = 0; j < c; j++) {
            out[j] += e[d] * dense[base + j];
          }
        }
      }
      for (int j = 0; j < c; j++) {
        out[j] = out[j] * scale + bias[j];
      }
    }

    /** Decays by L2, then moves against {@code gradient} (dLoss/dLogits) on the row's features. */
    void step(Row row, double[] gradient, double lr, double l2) {
      int c = bias.length;
      scale *= 1 - lr * l2;
      if (scale < 1e-6) {
        normalise();
      }
      double factor = lr / scale;
      if (row.features() != null) {
        int[] idx = row.features().indices();
        float[] val = row.features().values();
        for (int k = 0; k < idx.length; k++) {
          int base = idx[k] * c;
          double v = factor * val[k];
          for (int j = 0; j < c; j++) {
            sparse[base + j] -= v * gradient[j];
          }
        }
      }
      if (row.embedding() != null) {
        float[] e = row.embedding();
        for (int d = 0; d < e.length; d++) {
          int base = d * c;
          double v = factor * e[d];
          for (int j = 0; j < c; j++) {
            dense[base + j] -= v * gradient[j];
          }
        }
      }
      for (int j = 0; j < c; j++) {
        bias[j] -= lr * gradient[j];
      }
    }

    /** Folds the scale into the stored weights (scale becomes 1). */
    void normalise() {
      if (scale != 1) {
        for (int i = 0; i < sparse.length; i++) {
          sparse[i] *= scale;
        }
        for (int i = 0; i < dense.length; i++) {
          dense[i] *= scale;
        }
        scale = 1;
      }
    }

    /** this = (1 - fraction) * this + fraction * other; both normalised. */
    void mixIn(Weights other, double fraction) {
      mix(sparse, other.sparse, fraction);
      mix(dense, other.dense, fraction);
      mix(bias, other.bias, fraction);
    }

    private static void mix(double[] into, double[] from, double fraction) {
      for (int i = 0; i < into.length; i++) {
        into[i] += fraction * (from[i] - into[i]);
      }
    }

    Weights copy() {
      normalise();
      return new Weights(sparse.clone(), dense.clone(), bias.clone());
    }
  }
}
