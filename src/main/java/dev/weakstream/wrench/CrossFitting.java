package dev.weakstream.wrench;

import dev.weakstream.student.HashedFeaturizer;
import dev.weakstream.student.LinearStudent;
import dev.weakstream.training.GoldExample;
import dev.weakstream.training.SoftLabeledExample;
import dev.weakstream.training.StudentTrainer;
import dev.weakstream.training.StudentTrainerConfig;
import dev.weakstream.training.TrainingProgress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Out-of-sample probabilities for every training row: K-fold cross-fitting of a student ({@link
 * StudentTrainer}) on weak labels, so each row's probabilities come from a model that never trained
 * on it — what confident learning needs to flag label errors, and what the stream has for free (its
 * student was trained on earlier shards).
 *
 * <p>Protocol: the trainer's grids (label temperature, L2) are searched once, on all rows, with the
 * gold set selecting — that run is the student the rows would get anyway, returned as {@link
 * Result#full()} (when only the out-of-fold probabilities are wanted and there are more than {@link
 * #MAX_FOLD_TRAIN_ROWS} rows, the search runs on a seeded sample of that many instead, and {@code
 * full} is the student of that sample); then each of the K folds is trained with the selected
 * temperature and L2 on the other folds (early stopping on the same gold set) and predicts the
 * held-out fold. Folds are a seeded shuffle of the rows, so the result is deterministic. With more
 * than {@link #MAX_FOLD_TRAIN_ROWS} rows outside a fold, a fold trains on a seeded sample of that
 * many (a bound on cost for large datasets; the held-out predictions still cover every row).
 *
 * <p>Stateless and thread-safe.
 */
public final class CrossFitting {

  /** Folds by default (as cleanlab's reference protocol). */
  public static final int DEFAULT_FOLDS = 5;

  /** Seed of the fold assignment. */
  public static final long DEFAULT_SEED = 20210713L;

  /** At most this many training rows per fold. */
  public static final int MAX_FOLD_TRAIN_ROWS = 20_000;

  private CrossFitting() {}

  /**
   * The out-of-fold probabilities of every example, the student trained on all of them, and what
   * was chosen.
   *
   * @param outOfFold one probability vector per example, in example order
   * @param full the student trained (and selected) on every example
   * @param detail the selected temperature and L2 and each fold's epoch, for logs
   */
  public record Result(double[][] outOfFold, LinearStudent full, String detail) {}

  /**
   * Cross-fits a student.
   *
   * @param examples the training rows with their (weak) labels
   * @param gold the gold rows that select epoch and L2
   * @param classNames class names in id order
   * @param config the student's trainer config (its grids are searched once)
   * @param folds K >= 2
   * @param seed seed of the fold assignment
   * @param fullStudent whether {@link Result#full()} must be trained on every example (a student
   *     being evaluated) rather than possibly on a bounded sample (only the flags are wanted)
   */
  public static Result fit(
      List<SoftLabeledExample> examples,
      List<GoldExample> gold,
      List<String> classNames,
      StudentTrainerConfig config,
      int folds,
      long seed,
      boolean fullStudent) {
    if (folds < 2) {
      throw new IllegalArgumentException("cross-fitting needs >= 2 folds, was " + folds);
    }
    if (examples.stream().map(SoftLabeledExample::text).distinct().count() < folds) {
      throw new IllegalArgumentException(
          "fewer than "
              + folds
              + " distinct training texts cannot be split into "
              + folds
              + " folds");
    }
    List<SoftLabeledExample> selectionRows =
        fullStudent || examples.size() <= MAX_FOLD_TRAIN_ROWS
            ? examples
            : sample(examples, MAX_FOLD_TRAIN_ROWS, new SplittableRandom(seed - 1));
    StudentTrainer.Result selected =
        new StudentTrainer(config).train(selectionRows, gold, classNames, TrainingProgress.NONE);
    StudentTrainerConfig fixed =
        config
            .withTemperatureGrid(List.of(selected.temperature()))
            .withL2Grid(List.of(selected.l2()));
    int n = examples.size();
    int[] fold = folds(examples, folds, seed);
    double[][] outOfFold = new double[n][];
    StringBuilder epochs = new StringBuilder();
    for (int f = 0; f < folds; f++) {
      List<SoftLabeledExample> train = new ArrayList<>();
      List<Integer> heldOut = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (fold[i] == f) {
          heldOut.add(i);
        } else {
          train.add(examples.get(i));
        }
      }
      if (train.size() > MAX_FOLD_TRAIN_ROWS) {
        train = sample(train, MAX_FOLD_TRAIN_ROWS, new SplittableRandom(seed + 1 + f));
      }
      StudentTrainer.Result trained =
          new StudentTrainer(fixed).train(train, gold, classNames, TrainingProgress.NONE);
      epochs.append(f == 0 ? "" : ",").append(trained.epoch());
      LinearStudent model = trained.model();
      HashedFeaturizer featurizer =
          model.hashing() == null ? null : new HashedFeaturizer(model.hashing());
      for (int i : heldOut) {
        SoftLabeledExample e = examples.get(i);
        outOfFold[i] = predict(model, featurizer, e.text(), e.embedding());
      }
    }
    String detail =
        String.format(
            Locale.ROOT,
            "%d-fold cross-fitting on %d rows: T %s l2 %.0e, fold epochs %s",
            folds,
            n,
            selected.temperature(),
            selected.l2(),
            epochs);
    return new Result(outOfFold, selected.model(), detail);
  }

  /** The fold of each example: distinct texts shuffled with the seed, dealt round-robin. */
  static int[] folds(List<SoftLabeledExample> examples, int folds, long seed) {
    Map<String, Integer> groups = new HashMap<>();
    int[] group = new int[examples.size()];
    for (int i = 0; i < group.length; i++) {
      group[i] = groups.computeIfAbsent(examples.get(i).text(), t -> groups.size());
    }
    int[] order = shuffled(groups.size(), new SplittableRandom(seed));
    int[] foldOfGroup = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      foldOfGroup[order[i]] = i % folds;
    }
    int[] fold = new int[group.length];
    for (int i = 0; i < group.length; i++) {
      fold[i] = foldOfGroup[group[i]];
    }
    return fold;
  }

  /** A student's probabilities for one text (and embedding, for embedding students). */
  public static double[] predict(
      LinearStudent model, HashedFeaturizer featurizer, String text, float[] embedding) {
    return model.predict(featurizer == null ? null : featurizer.featurize(text), embedding);
  }

  private static int[] shuffled(int n, SplittableRandom random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  private static List<SoftLabeledExample> sample(
      List<SoftLabeledExample> rows, int size, SplittableRandom random) {
    int[] picked = Arrays.copyOf(shuffled(rows.size(), random), size);
    Arrays.sort(picked);
    List<SoftLabeledExample> out = new ArrayList<>(size);
    for (int i : picked) {
      out.add(rows.get(i));
    }
    return out;
  }
}
