package dev.weakstream.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The model selection of one training call: every (label temperature, L2) of the config's grids is
 * trained from zero by {@link SgdTrainer} and the best on gold (at its best epoch) wins; ties go to
 * the earlier candidate. With more training rows than {@link StudentTrainerConfig#selectionRows()},
 * the grid is searched on a seeded sample of that many rows and the winner is retrained on every
 * row (stopping early on gold again). Without gold rows, only the first temperature and L2 are
 * trained, for {@code maxEpochs}.
 *
 * <p>Stateless.
 */
final class SelectionGrid {

  /** Salt of the sample's seed, so it differs from the shuffling order's. */
  private static final long SAMPLE_SALT = 0x5E1EC7L;

  /**
   * The winner and every candidate tried.
   *
   * @param best the selected candidate and its weights at its best epoch
   * @param candidates every grid candidate's result, in grid order (temperatures outer, L2 inner)
   */
  record Selection(SgdTrainer.Fitted best, List<StudentTrainer.Candidate> candidates) {}

  private SelectionGrid() {}

  static Selection search(
      StudentTrainerConfig config,
      List<SoftLabeledExample> train,
      FeaturizedExamples examples,
      int embeddingDim,
      int numClasses,
      TrainingProgress progress) {
    boolean gold = examples.hasGold();
    List<Double> l2Grid = gold ? config.l2Grid() : List.of(config.l2Grid().get(0));
    List<Double> temperatures =
        gold ? config.temperatureGrid() : List.of(config.temperatureGrid().get(0));
    int[] all = IntStream.range(0, examples.train().length).toArray();
    int[] selectionRows = all;
    boolean subsample =
        l2Grid.size() * temperatures.size() > 1
            && config.selectionRows() > 0
            && all.length > config.selectionRows();
    if (subsample) {
      selectionRows = all.clone();
      SgdTrainer.shuffle(selectionRows, new SplittableRandom(config.seed() ^ SAMPLE_SALT));
      selectionRows = Arrays.copyOf(selectionRows, config.selectionRows());
      Arrays.sort(selectionRows);
    }
    int totalEpochs =
        (temperatures.size() * l2Grid.size() + (subsample ? 1 : 0)) * config.maxEpochs();
    SgdTrainer sgd =
        new SgdTrainer(config, examples, embeddingDim, numClasses, progress, totalEpochs);
    SgdTrainer.Fitted best = null;
    List<StudentTrainer.Candidate> candidates = new ArrayList<>();
    for (double temperature : temperatures) {
      SoftLabelTargets targets = targets(config, train, temperature, numClasses);
      for (double l2 : l2Grid) {
        SgdTrainer.Fitted fitted = sgd.run(selectionRows, targets, temperature, l2);
        candidates.add(fitted.candidate());
        if (best == null || fitted.candidate().goldScore() > best.candidate().goldScore()) {
          best = fitted;
        }
      }
    }
    if (subsample) {
      StudentTrainer.Candidate chosen = best.candidate();
      best =
          sgd.run(
              all,
              targets(config, train, chosen.temperature(), numClasses),
              chosen.temperature(),
              chosen.l2());
    }
    progress.update(totalEpochs, totalEpochs, "done");
    return new Selection(best, List.copyOf(candidates));
  }

  private static SoftLabelTargets targets(
      StudentTrainerConfig config,
      List<SoftLabeledExample> train,
      double temperature,
      int numClasses) {
    return SoftLabelTargets.of(train, temperature, numClasses, config.classWeighting());
  }
}
