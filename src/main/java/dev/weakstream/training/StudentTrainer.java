package dev.weakstream.training;

import dev.weakstream.labelmodel.Metric;
import dev.weakstream.student.LinearStudent;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains a {@link LinearStudent} on soft labels: the entry point that runs the steps in order.
 *
 * <ol>
 *   <li>{@link TrainingDataValidation}: rows to train on, soft labels of the right width, gold
 *       labels that are classes, consistent embeddings;
 *   <li>{@link FeaturizedExamples}: hashed n-grams and/or embeddings of every row, once;
 *   <li>{@link SelectionGrid}: every (label temperature, L2) candidate, selected on gold, each fit
 *       by {@link SgdTrainer} (noise-aware cross-entropy against the soft label {@code q}, not its
 *       argmax, so a 0.55/0.45 row pushes far less than a 0.99/0.01 one; targets from {@link
 *       SoftLabelTargets}) with early stopping on {@link StudentTrainerConfig#selectionMetric()};
 *   <li>{@link StudentProvenance}: the trainer config, seed, selection and gold metrics the model
 *       carries.
 * </ol>
 *
 * <p>Without gold rows, the first L2 is trained for {@code maxEpochs} and its gold metrics are NaN.
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
      List<SoftLabeledExample> train,
      List<GoldExample> gold,
      List<String> classNames,
      TrainingProgress progress) {
    int c = classNames.size();
    int dim = TrainingDataValidation.embeddingWidth(config.kind(), train, gold, c);
    FeaturizedExamples examples = FeaturizedExamples.of(config, train, gold);
    SelectionGrid.Selection selection =
        SelectionGrid.search(config, train, examples, dim, c, progress);
    Candidate selected = selection.best().candidate();
    LinearWeights weights = selection.best().weights();

    double accuracy = Double.NaN;
    Double f1 = null;
    if (examples.hasGold()) {
      int[] predicted = weights.predict(examples.gold());
      accuracy = Metric.ACCURACY.score(examples.goldLabels(), predicted);
      f1 = c == 2 ? Metric.F1_POSITIVE.score(examples.goldLabels(), predicted) : null;
    } else if (c == 2) {
      f1 = Double.NaN;
    }
    Map<String, String> provenance =
        StudentProvenance.of(config, selected, train.size(), gold.size(), accuracy, f1);
    LinearStudent model =
        new LinearStudent(
            config.kind().key(),
            classNames,
            config.hashing(),
            dim,
            LinearWeights.toFloats(weights.sparse),
            LinearWeights.toFloats(weights.dense),
            LinearWeights.toFloats(weights.bias),
            provenance);
    return new Result(
        model,
        accuracy,
        f1,
        selected.temperature(),
        selected.l2(),
        selected.bestEpoch(),
        selection.candidates());
  }
}
