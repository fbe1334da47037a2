package dev.weakstream.labelmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weakstream.core.MajorityVote;
import dev.weakstream.core.Prediction;
import dev.weakstream.core.TieBreak;
import dev.weakstream.core.VoteRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DawidSkeneTest {

  private static final DawidSkeneConfig LEARNED_PRIOR =
      DawidSkeneConfig.DEFAULT.withPrior(PriorMode.LEARNED, null);

  private static List<SyntheticVotes.Sample> samples(SyntheticVotes.Spec spec, int n) {
    SyntheticVotes stream = new SyntheticVotes(spec);
    List<SyntheticVotes.Sample> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(stream.next());
    }
    return out;
  }

  private static VoteStatistics stats(SyntheticVotes.Spec spec, List<SyntheticVotes.Sample> data) {
    VoteStatistics stats = new VoteStatistics(spec.numSources(), spec.numClasses());
    data.forEach(s -> stats.update(s.row()));
    return stats;
  }

  private static DawidSkeneModel fit(DawidSkeneConfig config, VoteStatistics stats) {
    return new DawidSkeneFitter("ds", config).fit(stats);
  }

  @Test
  void convergesToTheTrueAccuraciesWithoutGold() {
    SyntheticVotes.Spec spec = SyntheticVotes.Spec.random(30, 4, 11);
    List<SyntheticVotes.Sample> data = samples(spec, 40_000);
    VoteStatistics stats = new VoteStatistics(30, 4, 65_536, 0, 1); // the full pattern histogram
    data.forEach(s -> stats.update(s.row()));
    VoteStatistics sampled = stats(spec, data); // default capacity: a sample of the patterns
    assertThat(sampled.saturated()).isTrue();
    assertThat(meanAbsoluteError(fit(DawidSkeneConfig.DEFAULT, sampled), spec)).isLessThan(0.02);

    for (ConfusionModel confusion :
        List.of(ConfusionModel.CLASS_CONDITIONAL, ConfusionModel.ONE_COIN)) {
      DawidSkeneModel model = fit(DawidSkeneConfig.DEFAULT.withConfusion(confusion), stats);
      double[] learned = model.learnedAccuracy();
      for (int j = 0; j < spec.numSources(); j++) {
        assertThat(learned[j])
            .as("%s source %d", confusion, j)
            .isCloseTo(spec.accuracy()[j], within(0.03));
      }
      int correct = 0;
      int mvCorrect = 0;
      MajorityVote mv = new MajorityVote(4);
      for (SyntheticVotes.Sample s : data) {
        correct += model.predict(s.row()).label() == s.label() ? 1 : 0;
        mvCorrect += mv.predict(s.row()).label() == s.label() ? 1 : 0;
      }
      assertThat(correct).as("%s beats majority vote", confusion).isGreaterThan(mvCorrect);
    }
  }

  private static double meanAbsoluteError(DawidSkeneModel model, SyntheticVotes.Spec spec) {
    double mae = 0;
    for (int j = 0; j < spec.numSources(); j++) {
      mae += Math.abs(model.learnedAccuracy()[j] - spec.accuracy()[j]) / spec.numSources();
    }
    return mae;
  }

  @Test
  void learnsAClassImbalanceAndUsesItForUncoveredRows() {
    SyntheticVotes.Spec spec = SyntheticVotes.Spec.random(8, new double[] {0.8, 0.2}, 5);
    VoteStatistics stats = stats(spec, samples(spec, 30_000));

    DawidSkeneModel model = fit(LEARNED_PRIOR, stats);

    assertThat(model.classPrior()[0]).isCloseTo(0.8, within(0.03));
    Prediction uncovered =
        model.predict(VoteRow.hard(new int[] {-1, -1, -1, -1, -1, -1, -1, -1}, "x"));
    assertThat(uncovered.covered()).isFalse();
    assertThat(uncovered.probabilities()).containsExactly(model.classPrior());
    assertThat(uncovered.label()).isZero();
  }

  @Test
  void aFixedPriorIsUsedAsGiven() {
    SyntheticVotes.Spec spec = SyntheticVotes.Spec.random(8, 3, 5);
    DawidSkeneModel model =
        fit(
            DawidSkeneConfig.DEFAULT.withPrior(PriorMode.FIXED, new double[] {2, 1, 1}),
            stats(spec, samples(spec, 2_000)));
    assertThat(model.classPrior()).containsExactly(0.5, 0.25, 0.25);
  }

  @Test
  void uncoveredRowsWithAUniformPriorTieAndBreakByKey() {
    SyntheticVotes.Spec spec = SyntheticVotes.Spec.random(5, 3, 5);
    DawidSkeneModel model = fit(DawidSkeneConfig.DEFAULT, stats(spec, samples(spec, 2_000)));
    for (String key : List.of("0", "1", "2", "17")) {
      Prediction p = model.predict(VoteRow.hard(new int[] {-1, -1, -1, -1, -1}, key));
      assertThat(p.covered()).isFalse();
      assertThat(p.label()).isEqualTo(TieBreak.choose(new int[] {0, 1, 2}, 3, key));
    }
  }

  @Test
  void exactTiesAreBrokenByTheRowKey() {
    // Two symmetric sources that always disagree: every covered row is an exact tie.
    VoteStatistics stats = new VoteStatistics(2, 2);
    for (int i = 0; i < 100; i++) {
      stats.update(VoteRow.hard(new int[] {i % 2, 1 - i % 2}, "r"));
    }
    DawidSkeneModel model = fit(DawidSkeneConfig.DEFAULT, stats);
    for (String key : List.of("3", "4", "5")) {
      Prediction a = model.predict(VoteRow.hard(new int[] {0, -1}, key));
      Prediction b = model.predict(VoteRow.hard(new int[] {0, 1}, key));
      assertThat(a.label()).isZero();
      assertThat(b.probabilities()[0]).isCloseTo(b.probabilities()[1], within(1e-12));
      assertThat(b.label()).isEqualTo(TieBreak.choose(new int[] {0, 1}, 2, key));
    }
  }

  @Test
  void abstainsAreNoEvidenceByDefault() {
    SyntheticVotes.Spec spec = SyntheticVotes.Spec.random(6, 3, 9);
    DawidSkeneModel model = fit(DawidSkeneConfig.DEFAULT, stats(spec, samples(spec, 5_000)));
    Prediction oneVote = model.predict(VoteRow.hard(new int[] {2, -1, -1, -1, -1, -1}, "k"));
    // In the fitted model abstains add nothing: the same vote alone gives the same posterior
    // whatever the other sources (abstaining) have learned.
    DawidSkeneModel other =
        fit(
            DawidSkeneConfig.DEFAULT,
            stats(spec, samples(SyntheticVotes.Spec.random(6, 3, 9), 5_000)));
    assertThat(oneVote.label()).isEqualTo(2);
    assertThat(other.predict(VoteRow.hard(new int[] {2, -1, -1, -1, -1, -1}, "k")).probabilities())
        .containsExactly(oneVote.probabilities(), within(1e-12));
  }

  @Test
  void softVotesActLikeFractionalVotes() {
    SyntheticVotes.Spec spec = SyntheticVotes.Spec.random(4, 2, 3);
    DawidSkeneModel model = fit(DawidSkeneConfig.DEFAULT, stats(spec, samples(spec, 5_000)));
    int[] votes = {1, -1, 0, -1};
    Prediction hard = model.predict(VoteRow.hard(votes, "k"));
    Prediction oneHot =
        model.predict(new VoteRow(votes, new double[][] {{0, 1}, null, null, null}, "k"));
    Prediction unsure =
        model.predict(new VoteRow(votes, new double[][] {{0.4, 0.6}, null, null, null}, "k"));

    assertThat(oneHot.probabilities()).containsExactly(hard.probabilities(), within(1e-12));
    assertThat(unsure.probabilities()[1]).isLessThan(hard.probabilities()[1]);
    VoteStatistics soft = new VoteStatistics(4, 2);
    soft.update(new VoteRow(votes, new double[][] {{0.4, 0.6}, null, null, null}, "k"));
    assertThat(soft.voteMass(0, 0)).isCloseTo(0.4, within(1e-12));
  }

  @Test
  void rarelyFiringSourcesAreSmoothed() {
    SyntheticVotes.Spec spec = SyntheticVotes.Spec.random(6, 3, 21);
    List<SyntheticVotes.Sample> data = samples(spec, 5_000);
    VoteStatistics stats = stats(spec, data);
    // A seventh source that fired twice, both times against the majority.
    VoteStatistics withRare = new VoteStatistics(7, 3);
    for (int i = 0; i < data.size(); i++) {
      int[] v = Arrays.copyOf(data.get(i).row().votes(), 7);
      v[6] = i < 2 ? (data.get(i).label() + 1) % 3 : -1;
      withRare.update(VoteRow.hard(v, "k"));
    }
    DawidSkeneModel model = fit(DawidSkeneConfig.DEFAULT, withRare);
    assertThat(model.learnedAccuracy()[6]).isBetween(0.05, 0.6);
    assertThat(stats.records()).isEqualTo(5_000);
  }

  @Test
  void aSourceWorseThanRandomGetsALowAccuracy() {
    SyntheticVotes.Spec base = SyntheticVotes.Spec.random(10, 2, 31);
    double[] accuracy = base.accuracy().clone();
    accuracy[0] = 0.2;
    SyntheticVotes.Spec spec =
        new SyntheticVotes.Spec(base.classPrior(), accuracy, base.coverage(), 31);
    DawidSkeneModel model = fit(DawidSkeneConfig.DEFAULT, stats(spec, samples(spec, 20_000)));
    assertThat(model.learnedAccuracy()[0]).isCloseTo(0.2, within(0.05));
  }

  @Test
  void decayedStatisticsTrackADriftingSource() {
    SyntheticVotes.Spec base = SyntheticVotes.Spec.random(10, 3, 41);
    double[] accurate = base.accuracy().clone();
    double[] drifted = base.accuracy().clone();
    accurate[0] = 0.9;
    drifted[0] = 0.3;
    SyntheticVotes.Spec before =
        new SyntheticVotes.Spec(base.classPrior(), accurate, base.coverage(), 41);
    SyntheticVotes.Spec after =
        new SyntheticVotes.Spec(before.classPrior(), drifted, before.coverage(), 42);
    VoteStatistics decayed = new VoteStatistics(10, 3, 65_536, 2_000, 1);
    VoteStatistics cumulative = new VoteStatistics(10, 3, 65_536, 0, 1);
    for (SyntheticVotes.Spec spec : List.of(before, after)) {
      for (SyntheticVotes.Sample s : samples(spec, 20_000)) {
        decayed.update(s.row());
        cumulative.update(s.row());
      }
    }
    assertThat(fit(DawidSkeneConfig.DEFAULT, decayed).learnedAccuracy()[0])
        .isCloseTo(0.3, within(0.05));
    assertThat(fit(DawidSkeneConfig.DEFAULT, cumulative).learnedAccuracy()[0])
        .isCloseTo(0.6, within(0.05));
  }

  @Test
  void fitsAreDeterministicAndIndependentOfArrivalOrder() {
    SyntheticVotes.Spec spec = SyntheticVotes.Spec.random(20, 5, 8);
    List<SyntheticVotes.Sample> data = samples(spec, 10_000);
    VoteStatistics forward = stats(spec, data);
    VoteStatistics backward = new VoteStatistics(20, 5);
    for (int i = data.size() - 1; i >= 0; i--) {
      backward.update(data.get(i).row());
    }
    DawidSkeneModel a = fit(LEARNED_PRIOR, forward);
    DawidSkeneModel b = fit(LEARNED_PRIOR, forward);
    DawidSkeneModel c = fit(LEARNED_PRIOR, backward);
    assertThat(b.toBytes()).isEqualTo(a.toBytes());
    assertThat(c.toBytes()).isEqualTo(a.toBytes());
    assertThat(c.version()).isEqualTo(a.version()).startsWith("ds-");
  }

  @Test
  void modelBytesRoundTrip() {
    SyntheticVotes.Spec spec = SyntheticVotes.Spec.random(10, 4, 2);
    List<SyntheticVotes.Sample> data = samples(spec, 3_000);
    DawidSkeneModel model = fit(LEARNED_PRIOR, stats(spec, data));

    DawidSkeneModel copy = DawidSkeneModel.fromBytes(model.toBytes());

    assertThat(copy.version()).isEqualTo(model.version());
    assertThat(copy.learnedAccuracy()).containsExactly(model.learnedAccuracy());
    for (SyntheticVotes.Sample s : data.subList(0, 100)) {
      assertThat(copy.predict(s.row()).probabilities())
          .containsExactly(model.predict(s.row()).probabilities());
    }
    byte[] bad = model.toBytes();
    bad[0] ^= 1;
    assertThrows(IllegalArgumentException.class, () -> DawidSkeneModel.fromBytes(bad));
  }

  @Test
  void handlesManyClassesAndHundredsOfSourcesWithBoundedRefit() {
    SyntheticVotes.Spec spec = SyntheticVotes.Spec.random(300, 20, 4);
    VoteStatistics stats = new VoteStatistics(300, 20, 2_000, 0, 1);
    SyntheticVotes stream = new SyntheticVotes(spec);
    for (int i = 0; i < 20_000; i++) {
      stats.update(stream.next().row());
    }
    long start = System.nanoTime();
    DawidSkeneModel model =
        fit(DawidSkeneConfig.DEFAULT.withConfusion(ConfusionModel.ONE_COIN), stats);
    double seconds = (System.nanoTime() - start) / 1e9;

    assertThat(stats.sampledPatterns()).isEqualTo(2_000);
    assertThat(seconds).isLessThan(5);
    assertThat(meanAbsoluteError(model, spec)).isLessThan(0.05);
  }

  @Test
  void rejectsRowsOfTheWrongShape() {
    SyntheticVotes.Spec spec = SyntheticVotes.Spec.random(3, 2, 1);
    DawidSkeneModel model = fit(DawidSkeneConfig.DEFAULT, stats(spec, samples(spec, 100)));
    assertThrows(
        IllegalArgumentException.class, () -> model.predict(VoteRow.hard(new int[] {0}, "k")));
    assertThrows(
        IllegalArgumentException.class,
        () -> model.predict(VoteRow.hard(new int[] {0, 5, -1}, "k")));
  }
}
