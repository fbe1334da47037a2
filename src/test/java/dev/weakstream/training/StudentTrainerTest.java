package dev.weakstream.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weakstream.student.HashedFeaturizer;
import dev.weakstream.student.HashingConfig;
import dev.weakstream.student.LinearStudent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StudentTrainerTest {

  private static final List<String> CLASSES = List.of("ham", "spam");
  private static final HashingConfig WORDS = new HashingConfig(12, 1, 1, 0, 0);

  /** One L2, the soft labels as given, no averaging: the plain objective. */
  private static StudentTrainerConfig plain() {
    return StudentTrainerConfig.defaults(StudentKind.HASHED)
        .withHashing(WORDS)
        .withL2Grid(List.of(1e-6))
        .withTemperatureGrid(List.of(1.0))
        .withAveraging(false)
        .withClassWeighting(false);
  }

  /**
   * Texts of class 1 contain "cheap" or "win", class 0 "meeting" or "lunch"; filler words are
   * shared.
   */
  private static List<SoftLabeledExample> separable(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    String[][] cue = {{"meeting", "lunch"}, {"cheap", "win"}};
    String[] filler = {"the", "a", "today", "now", "please", "you", "we", "tomorrow"};
    List<SoftLabeledExample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int y = r.nextInt(2);
      String text =
          filler[r.nextInt(filler.length)]
              + " "
              + cue[y][r.nextInt(2)]
              + " "
              + filler[r.nextInt(filler.length)];
      out.add(SoftLabeledExample.hard("t" + i, text, y, 2, null, 1));
    }
    return out;
  }

  private static List<GoldExample> gold(List<SoftLabeledExample> rows) {
    List<GoldExample> out = new ArrayList<>();
    for (SoftLabeledExample e : rows) {
      out.add(new GoldExample(e.id(), e.text(), e.embedding(), e.probabilities()[1] > 0.5 ? 1 : 0));
    }
    return out;
  }

  private static double spamProbability(LinearStudent model, String text) {
    return model.predict(new HashedFeaturizer(model.hashing()).featurize(text), null)[1];
  }

  @Test
  void learnsASeparableProblemAndGeneralisesToUnseenCombinations() {
    StudentTrainer.Result result =
        new StudentTrainer(StudentTrainerConfig.defaults(StudentKind.HASHED))
            .train(separable(400, 1), gold(separable(100, 2)), CLASSES, TrainingProgress.NONE);

    assertThat(result.goldAccuracy()).isEqualTo(1.0);
    assertThat(result.goldF1()).isEqualTo(1.0);
    assertThat(spamProbability(result.model(), "win cheap")).isGreaterThan(0.9);
    assertThat(spamProbability(result.model(), "lunch meeting")).isLessThan(0.1);
    assertThat(result.model().provenance())
        .containsEntry("trainer.seed", "42")
        .containsEntry("gold.accuracy", "1.0")
        .containsKeys("trainer.config", "trainer.l2", "trainer.epoch", "gold.f1");
  }

  @Test
  void sameSeedGivesIdenticalWeightsAndAnotherSeedDoesNot() {
    List<SoftLabeledExample> train = noisy(300, 3);
    List<GoldExample> gold = gold(noisy(80, 4));
    StudentTrainerConfig config =
        StudentTrainerConfig.defaults(StudentKind.HASHED).withMaxEpochs(4);

    LinearStudent a =
        new StudentTrainer(config).train(train, gold, CLASSES, TrainingProgress.NONE).model();
    LinearStudent b =
        new StudentTrainer(config).train(train, gold, CLASSES, TrainingProgress.NONE).model();
    LinearStudent c =
        new StudentTrainer(config.withSeed(7))
            .train(train, gold, CLASSES, TrainingProgress.NONE)
            .model();

    assertThat(a.sparseWeights()).isEqualTo(b.sparseWeights()); // Arrays.equals: bit for bit
    assertThat(a.bias()).isEqualTo(b.bias());
    assertThat(a.sparseWeights()).isNotEqualTo(c.sparseWeights());
  }

  /** Like {@link #separable} with soft labels of 0.8 and 10% of the rows flipped. */
  private static List<SoftLabeledExample> noisy(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed + 100);
    List<SoftLabeledExample> out = new ArrayList<>();
    for (SoftLabeledExample e : separable(n, seed)) {
      double p = e.probabilities()[1] > 0.5 ? 0.8 : 0.2;
      if (r.nextDouble() < 0.1) {
        p = 1 - p;
      }
      out.add(new SoftLabeledExample(e.id(), e.text(), new double[] {1 - p, p}, null));
    }
    return out;
  }

  @Test
  void softLabelsTeachTheirProbabilityWhereTheArgmaxTeachesCertainty() {
    // every "maybe" row is 60% spam according to the label model; its argmax says 100%
    List<SoftLabeledExample> soft = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      soft.add(new SoftLabeledExample("m" + i, "maybe", new double[] {0.4, 0.6}, null));
    }
    StudentTrainerConfig config = plain().withMaxEpochs(20);

    LinearStudent onSoft =
        new StudentTrainer(config).train(soft, List.of(), CLASSES, TrainingProgress.NONE).model();
    LinearStudent onArgmax =
        new StudentTrainer(config.withTemperatureGrid(List.of(0.0)))
            .train(soft, List.of(), CLASSES, TrainingProgress.NONE)
            .model();

    assertThat(spamProbability(onSoft, "maybe")).isCloseTo(0.6, within(0.03));
    assertThat(spamProbability(onArgmax, "maybe")).isGreaterThan(0.95);
  }

  @Test
  void softLabelsOutvoteMoreNumerousUncertainRows() {
    // 30 rows say "offer" is spam with certainty, 50 rows say it is ham at 0.55: the argmax
    // majority is
    // ham, the expected soft label is 0.3 * 1 + 0.5 * 0.45 / 0.8 = 0.66 spam
    List<SoftLabeledExample> rows = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      rows.add(new SoftLabeledExample("s" + i, "offer", new double[] {0, 1}, null));
    }
    for (int i = 0; i < 50; i++) {
      rows.add(new SoftLabeledExample("h" + i, "offer", new double[] {0.55, 0.45}, null));
    }
    StudentTrainerConfig config = plain().withMaxEpochs(30).withLearningRate(0.1);

    LinearStudent onSoft =
        new StudentTrainer(config).train(rows, List.of(), CLASSES, TrainingProgress.NONE).model();
    LinearStudent onArgmax =
        new StudentTrainer(config.withTemperatureGrid(List.of(0.0)))
            .train(rows, List.of(), CLASSES, TrainingProgress.NONE)
            .model();

    assertThat(spamProbability(onSoft, "offer")).isGreaterThan(0.5);
    assertThat(spamProbability(onArgmax, "offer")).isLessThan(0.5);
  }

  @Test
  void classWeightingBalancesAnImbalancedAmbiguousFeature() {
    // "x" is spam in 10% of the rows: unweighted, the student predicts 0.1; weighted, the classes
    // count
    // equally and it predicts 0.5
    List<SoftLabeledExample> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      rows.add(SoftLabeledExample.hard("r" + i, "x", i % 10 == 0 ? 1 : 0, 2, null, 1));
    }
    // averaged over epochs: a weighted spam row takes a 5x step, so the last iterate wobbles
    StudentTrainerConfig config =
        plain().withMaxEpochs(30).withLearningRate(0.05).withAveraging(true);

    LinearStudent unweighted =
        new StudentTrainer(config).train(rows, List.of(), CLASSES, TrainingProgress.NONE).model();
    LinearStudent weighted =
        new StudentTrainer(config.withClassWeighting(true))
            .train(rows, List.of(), CLASSES, TrainingProgress.NONE)
            .model();

    assertThat(spamProbability(unweighted, "x")).isCloseTo(0.1, within(0.05));
    assertThat(spamProbability(weighted, "x")).isCloseTo(0.5, within(0.05));
  }

  @Test
  void earlyStoppingKeepsTheBestEpochOnGoldAndStopsAfterThePatience() {
    // gold disagrees with the training labels on half its rows, so the gold score moves between
    // epochs
    List<SoftLabeledExample> train = noisy(200, 5);
    List<GoldExample> gold = new ArrayList<>(gold(noisy(60, 6)));
    List<GoldExample> flipped = new ArrayList<>();
    for (int i = 0; i < gold.size(); i++) {
      GoldExample g = gold.get(i);
      flipped.add(i % 2 == 0 ? g : new GoldExample(g.id(), g.text(), null, 1 - g.label()));
    }
    Collections.shuffle(flipped, new Random(1));
    StudentTrainerConfig config =
        plain()
            .withLearningRate(2)
            .withMaxEpochs(40)
            .withPatience(3)
            .withL2Grid(List.of(1e-4, 1e-2));

    StudentTrainer.Result result =
        new StudentTrainer(config).train(train, flipped, CLASSES, TrainingProgress.NONE);

    for (StudentTrainer.Candidate candidate : result.candidates()) {
      List<Double> scores = candidate.epochScores();
      double max = scores.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      assertThat(candidate.goldScore()).isEqualTo(max);
      assertThat(candidate.bestEpoch()).isEqualTo(scores.indexOf(max) + 1);
      assertThat(candidate.epochsRun()).isEqualTo(Math.min(40, candidate.bestEpoch() + 3));
    }
    StudentTrainer.Candidate winner =
        result.candidates().stream()
            .max(Comparator.comparingDouble(StudentTrainer.Candidate::goldScore))
            .orElseThrow();
    assertThat(result.l2()).isEqualTo(winner.l2());
    assertThat(result.epoch()).isEqualTo(winner.bestEpoch());
    assertThat(result.goldAccuracy())
        .isEqualTo(winner.goldScore()); // the returned model is that epoch's
  }

  @Test
  void aLargeTrainingSetSearchesTheGridOnASampleAndRetrainsTheWinnerOnAllRows() {
    StudentTrainerConfig config =
        StudentTrainerConfig.defaults(StudentKind.HASHED).withSelectionRows(60).withMaxEpochs(5);
    List<SoftLabeledExample> train = noisy(400, 10);
    List<GoldExample> gold = gold(separable(100, 11));

    StudentTrainer.Result sampled =
        new StudentTrainer(config).train(train, gold, CLASSES, TrainingProgress.NONE);
    StudentTrainer.Result again =
        new StudentTrainer(config).train(train, gold, CLASSES, TrainingProgress.NONE);

    StudentTrainer.Candidate winner =
        sampled.candidates().stream()
            .max(Comparator.comparingDouble(StudentTrainer.Candidate::goldScore))
            .orElseThrow();
    assertThat(sampled.l2()).isEqualTo(winner.l2());
    assertThat(sampled.temperature()).isEqualTo(winner.temperature());
    assertThat(sampled.goldAccuracy()).isGreaterThanOrEqualTo(0.9);
    assertThat(sampled.model().provenance()).containsEntry("train.rows", "400");
    assertThat(again.model().sparseWeights()).isEqualTo(sampled.model().sparseWeights());
  }

  @Test
  void progressCountsEveryPlannedEpoch() {
    List<int[]> updates = new ArrayList<>();
    StudentTrainerConfig config =
        StudentTrainerConfig.defaults(StudentKind.HASHED).withMaxEpochs(5);
    new StudentTrainer(config)
        .train(
            separable(50, 8),
            gold(separable(20, 9)),
            CLASSES,
            (done, total, stage) -> updates.add(new int[] {done, total}));

    int total = config.l2Grid().size() * config.temperatureGrid().size() * 5;
    assertThat(updates).isNotEmpty().allSatisfy(u -> assertThat(u[1]).isEqualTo(total));
    assertThat(updates.get(updates.size() - 1)[0]).isEqualTo(total);
  }

  @Test
  void embeddingStudentsUseTheDenseInput() {
    // the text says nothing; the embedding's first coordinate carries the class
    List<SoftLabeledExample> train = new ArrayList<>();
    List<GoldExample> gold = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      int y = i % 2;
      float[] e = {y == 1 ? 1f : -1f, 0.3f};
      train.add(SoftLabeledExample.hard("t" + i, "same text", y, 2, e, 1));
      gold.add(new GoldExample("g" + i, "same text", e, y));
    }
    StudentTrainer.Result result =
        new StudentTrainer(StudentTrainerConfig.defaults(StudentKind.EMBEDDING).withHashing(null))
            .train(train, gold, CLASSES, TrainingProgress.NONE);

    assertThat(result.goldAccuracy()).isEqualTo(1.0);
    assertThat(result.model().kind()).isEqualTo("embedding");
    assertThat(result.model().hashing()).isNull();
    assertThat(result.model().embeddingDim()).isEqualTo(2);
  }

  @Test
  void badInputGetsAClearError() {
    StudentTrainer hashed = new StudentTrainer(plain());
    StudentTrainer embedding =
        new StudentTrainer(StudentTrainerConfig.defaults(StudentKind.EMBEDDING));
    List<SoftLabeledExample> noEmbedding = separable(5, 1);

    assertThrows(
        IllegalArgumentException.class,
        () -> hashed.train(List.of(), List.of(), CLASSES, TrainingProgress.NONE));
    assertThat(
            assertThrows(
                    IllegalArgumentException.class,
                    () -> embedding.train(noEmbedding, List.of(), CLASSES, TrainingProgress.NONE))
                .getMessage())
        .contains("embedding");
    assertThat(
            assertThrows(
                    IllegalArgumentException.class,
                    () ->
                        hashed.train(
                            noEmbedding, List.of(), List.of("a", "b", "c"), TrainingProgress.NONE))
                .getMessage())
        .contains("probabilities for 3 classes");
    assertThat(
            assertThrows(
                    IllegalArgumentException.class,
                    () -> new SoftLabeledExample("x", "t", new double[] {0.5, 0.6}, null))
                .getMessage())
        .contains("sum");
    assertThrows(IllegalArgumentException.class, () -> plain().withL2Grid(List.of()));
    assertThrows(IllegalArgumentException.class, () -> StudentKind.of("tfidf"));
  }

  @Test
  void sharpeningInterpolatesBetweenSoftAndArgmax() {
    double[] q = {0.2, 0.8};
    assertThat(SoftLabelTargets.sharpen(q, 1)).containsExactly(0.2, 0.8);
    assertThat(SoftLabelTargets.sharpen(q, 0)).containsExactly(0.0, 1.0);
    assertThat(SoftLabelTargets.sharpen(q, 0.5)[1]).isCloseTo(0.64 / 0.68, within(1e-12));
    assertThat(SoftLabelTargets.sharpen(new double[] {0.5, 0.5}, 0)).containsExactly(0.5, 0.5);
  }
}
