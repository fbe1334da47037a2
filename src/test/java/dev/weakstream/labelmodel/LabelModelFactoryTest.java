package dev.weakstream.labelmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weakstream.core.MajorityVote;
import dev.weakstream.core.VoteRow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelModelFactoryTest {

  @Test
  void registersTheBaselineAndTheDefault() {
    assertThat(LabelModelFactory.names())
        .startsWith("mv")
        .contains(LabelModelFactory.DEFAULT, "ds");
    VoteStatistics stats = new VoteStatistics(2, 3);
    assertThat(LabelModelFactory.trainer("mv").fit(stats, null)).isInstanceOf(MajorityVote.class);
    assertThrows(IllegalArgumentException.class, () -> LabelModelFactory.trainer("nope"));
  }

  @Test
  void selectionWithoutADevSetFitsTheReference() {
    SyntheticVotes stream = new SyntheticVotes(SyntheticVotes.Spec.random(8, 3, 1));
    VoteStatistics stats = new VoteStatistics(8, 3);
    for (int i = 0; i < 2_000; i++) {
      stats.update(stream.next().row());
    }
    DawidSkeneModel selected =
        (DawidSkeneModel) LabelModelFactory.trainer(LabelModelFactory.DEFAULT).fit(stats, null);
    DawidSkeneModel reference =
        new DawidSkeneFitter(LabelModelFactory.DEFAULT, DawidSkeneConfig.DEFAULT).fit(stats);
    assertThat(selected.toBytes()).isEqualTo(reference.toBytes());
  }

  @Test
  void selectionKeepsTheReferenceUnlessACandidateIsClearlyBetterOnDev() {
    SyntheticVotes.Spec spec = SyntheticVotes.Spec.random(8, new double[] {0.9, 0.1}, 3);
    SyntheticVotes stream = new SyntheticVotes(spec);
    VoteStatistics stats = new VoteStatistics(8, 2);
    for (int i = 0; i < 5_000; i++) {
      stats.update(stream.next().row());
    }
    List<VoteRow> rows = new ArrayList<>();
    int[] gold = new int[2_000];
    for (int i = 0; i < gold.length; i++) {
      SyntheticVotes.Sample s = stream.next();
      rows.add(s.row());
      gold[i] = s.label();
    }
    HyperparameterSelection selection =
        new HyperparameterSelection("ds-select", DawidSkeneConfig.DEFAULT);

    HyperparameterSelection.Outcome outcome =
        selection.select(stats, new DevSet(rows, gold, Metric.ACCURACY));

    assertThat(outcome.candidates()).hasSize(54);
    double best =
        outcome.candidates().stream()
            .mapToDouble(HyperparameterSelection.Candidate::devScore)
            .max()
            .orElseThrow();
    double margin =
        Math.sqrt(outcome.referenceScore() * (1 - outcome.referenceScore()) / gold.length);
    if (best > outcome.referenceScore() + margin) {
      assertThat(outcome.config()).isNotEqualTo(HyperparameterSelection.REFERENCE);
    } else {
      assertThat(outcome.config()).isEqualTo(HyperparameterSelection.REFERENCE);
    }
    // Strong imbalance: a prior that knows it (learned or the dev balance) must win clearly.
    assertThat(outcome.config().priorMode()).isNotEqualTo(PriorMode.UNIFORM);
  }
}
