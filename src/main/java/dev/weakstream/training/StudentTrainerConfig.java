package dev.weakstream.training;

import dev.weakstream.labelmodel.Metric;
import dev.weakstream.student.HashingConfig;
import java.util.List;

/**
 * Settings of {@link StudentTrainer}. Recorded in the trained model's provenance.
 *
 * @param kind hashed n-grams only, or the teacher embedding as the dense part
 * @param hashing the n-gram featurizer's settings; required for {@code hashed}; for {@code
 *     embedding} null means embedding only, non-null adds the hashed n-grams to the embedding
 * @param l2Grid candidate L2 strengths; each is trained and the best on gold (at its best epoch)
 *     wins
 * @param temperatureGrid candidate label temperatures: 1 = the soft labels as given, 0 = their
 *     argmax, in between = sharpened; selected on gold like L2
 * @param maxEpochs passes over the training rows per candidate
 * @param learningRate initial SGD step size, decayed as {@code lr / (1 + lr * l2 * t)}
 * @param classWeighting weigh each class by {@code N / (C * its soft-label mass)} against imbalance
 * @param averaging evaluate (and return) the running average of the end-of-epoch weights, which is
 *     steadier than the last iterate on noisy labels
 * @param seed seed of the shuffling order; training is deterministic given it
 * @param patience stop a candidate after this many epochs without a gold improvement
 * @param selectionMetric the gold score that selects epoch and L2 (accuracy, or F1 of class 1)
 * @param selectionRows with more training rows than this, the grids are searched on a seeded sample
 *     of this many rows and only the winner is retrained on all rows (0 = always search on all
 *     rows)
 */
public record StudentTrainerConfig(
    StudentKind kind,
    HashingConfig hashing,
    List<Double> l2Grid,
    List<Double> temperatureGrid,
    int maxEpochs,
    double learningRate,
    boolean classWeighting,
    boolean averaging,
    long seed,
    int patience,
    Metric selectionMetric,
    int selectionRows) {

  /** The L2 candidates tried by default. */
  public static final List<Double> DEFAULT_L2_GRID = List.of(1e-6, 1e-5, 1e-4, 1e-3, 1e-2);

  /** The label temperatures tried by default: the soft labels, and their argmax. */
  public static final List<Double> DEFAULT_TEMPERATURE_GRID = List.of(1.0, 0.5, 0.0);

  public static final long DEFAULT_SEED = 42L;

  /** Grid search on at most this many rows by default. */
  public static final int DEFAULT_SELECTION_ROWS = 20_000;

  public StudentTrainerConfig {
    if (kind == null) {
      throw new IllegalArgumentException("kind is required");
    }
    if (kind == StudentKind.HASHED && hashing == null) {
      throw new IllegalArgumentException("a hashed student needs a hashing config");
    }
    l2Grid = List.copyOf(l2Grid);
    if (l2Grid.isEmpty()) {
      throw new IllegalArgumentException("l2Grid needs at least one candidate");
    }
    for (double l2 : l2Grid) {
      if (!(l2 >= 0) || l2 >= 1) {
        throw new IllegalArgumentException("l2 must be in [0, 1), was " + l2);
      }
    }
    temperatureGrid = List.copyOf(temperatureGrid);
    if (temperatureGrid.isEmpty()) {
      throw new IllegalArgumentException("temperatureGrid needs at least one candidate");
    }
    for (double t : temperatureGrid) {
      if (!(t >= 0) || t > 1) {
        throw new IllegalArgumentException("label temperature must be in [0, 1], was " + t);
      }
    }
    if (maxEpochs < 1) {
      throw new IllegalArgumentException("maxEpochs must be >= 1, was " + maxEpochs);
    }
    if (!(learningRate > 0)) {
      throw new IllegalArgumentException("learningRate must be > 0, was " + learningRate);
    }
    if (patience < 1) {
      throw new IllegalArgumentException("patience must be >= 1, was " + patience);
    }
    if (selectionRows < 0) {
      throw new IllegalArgumentException("selectionRows must be >= 0, was " + selectionRows);
    }
    if (selectionMetric == null) {
      throw new IllegalArgumentException("selectionMetric is required");
    }
  }

  /**
   * The defaults: n-grams per {@link HashingConfig#DEFAULT} (for embedding students too), the
   * default grids, no class weighting (off scored as well or better on every WRENCH valid split:
   * the soft labels already carry the label model's class balance; docs/students.md).
   */
  public static StudentTrainerConfig defaults(StudentKind kind) {
    return new StudentTrainerConfig(
        kind,
        HashingConfig.DEFAULT,
        DEFAULT_L2_GRID,
        DEFAULT_TEMPERATURE_GRID,
        30,
        0.5,
        false,
        true,
        DEFAULT_SEED,
        5,
        Metric.ACCURACY,
        DEFAULT_SELECTION_ROWS);
  }

  public StudentTrainerConfig withSeed(long newSeed) {
    return new StudentTrainerConfig(
        kind,
        hashing,
        l2Grid,
        temperatureGrid,
        maxEpochs,
        learningRate,
        classWeighting,
        averaging,
        newSeed,
        patience,
        selectionMetric,
        selectionRows);
  }

  public StudentTrainerConfig withL2Grid(List<Double> grid) {
    return new StudentTrainerConfig(
        kind,
        hashing,
        grid,
        temperatureGrid,
        maxEpochs,
        learningRate,
        classWeighting,
        averaging,
        seed,
        patience,
        selectionMetric,
        selectionRows);
  }

  public StudentTrainerConfig withTemperatureGrid(List<Double> grid) {
    return new StudentTrainerConfig(
        kind,
        hashing,
        l2Grid,
        grid,
        maxEpochs,
        learningRate,
        classWeighting,
        averaging,
        seed,
        patience,
        selectionMetric,
        selectionRows);
  }

  public StudentTrainerConfig withLearningRate(double rate) {
    return new StudentTrainerConfig(
        kind,
        hashing,
        l2Grid,
        temperatureGrid,
        maxEpochs,
        rate,
        classWeighting,
        averaging,
        seed,
        patience,
        selectionMetric,
        selectionRows);
  }

  public StudentTrainerConfig withMaxEpochs(int epochs) {
    return new StudentTrainerConfig(
        kind,
        hashing,
        l2Grid,
        temperatureGrid,
        epochs,
        learningRate,
        classWeighting,
        averaging,
        seed,
        patience,
        selectionMetric,
        selectionRows);
  }

  public StudentTrainerConfig withClassWeighting(boolean on) {
    return new StudentTrainerConfig(
        kind,
        hashing,
        l2Grid,
        temperatureGrid,
        maxEpochs,
        learningRate,
        on,
        averaging,
        seed,
        patience,
        selectionMetric,
        selectionRows);
  }

  public StudentTrainerConfig withAveraging(boolean on) {
    return new StudentTrainerConfig(
        kind,
        hashing,
        l2Grid,
        temperatureGrid,
        maxEpochs,
        learningRate,
        classWeighting,
        on,
        seed,
        patience,
        selectionMetric,
        selectionRows);
  }

  public StudentTrainerConfig withHashing(HashingConfig newHashing) {
    return new StudentTrainerConfig(
        kind,
        newHashing,
        l2Grid,
        temperatureGrid,
        maxEpochs,
        learningRate,
        classWeighting,
        averaging,
        seed,
        patience,
        selectionMetric,
        selectionRows);
  }

  public StudentTrainerConfig withSelectionMetric(Metric metric) {
    return new StudentTrainerConfig(
        kind,
        hashing,
        l2Grid,
        temperatureGrid,
        maxEpochs,
        learningRate,
        classWeighting,
        averaging,
        seed,
        patience,
        metric,
        selectionRows);
  }

  public StudentTrainerConfig withSelectionRows(int rows) {
    return new StudentTrainerConfig(
        kind,
        hashing,
        l2Grid,
        temperatureGrid,
        maxEpochs,
        learningRate,
        classWeighting,
        averaging,
        seed,
        patience,
        selectionMetric,
        rows);
  }

  public StudentTrainerConfig withPatience(int epochs) {
    return new StudentTrainerConfig(
        kind,
        hashing,
        l2Grid,
        temperatureGrid,
        maxEpochs,
        learningRate,
        classWeighting,
        averaging,
        seed,
        epochs,
        selectionMetric,
        selectionRows);
  }

  /** One line for provenance and logs. */
  public String describe() {
    return "kind="
        + kind.key()
        + ", hashing="
        + (hashing == null
            ? "none"
            : hashing.bits()
                + "bits,words"
                + hashing.minWordNgram()
                + "-"
                + hashing.maxWordNgram()
                + ",chars"
                + hashing.minCharNgram()
                + "-"
                + hashing.maxCharNgram())
        + ", l2Grid="
        + l2Grid
        + ", temperatureGrid="
        + temperatureGrid
        + ", maxEpochs="
        + maxEpochs
        + ", learningRate="
        + learningRate
        + ", classWeighting="
        + classWeighting
        + ", averaging="
        + averaging
        + ", seed="
        + seed
        + ", patience="
        + patience
        + ", selection="
        + selectionMetric
        + ", selectionRows="
        + selectionRows;
  }
}
