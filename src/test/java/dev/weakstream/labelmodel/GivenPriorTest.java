package dev.weakstream.labelmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weakstream.core.VoteRow;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class GivenPriorTest {

  @Test
  void aGivenPriorIsKeptAndDecidesUncoveredRows() {
    VoteStatistics stats = new VoteStatistics(2, 2);
    for (int i = 0; i < 100; i++) {
      stats.update(VoteRow.hard(new int[] {i % 2, i % 2}, "r" + i));
    }
    DawidSkeneModel model =
        (DawidSkeneModel) LabelModelFactory.trainer("ds", new double[] {0.9, 0.1}).fit(stats, null);
    assertThat(model.classPrior()).containsExactly(new double[] {0.9, 0.1}, Offset.offset(1e-9));
    assertThat(model.predict(VoteRow.hard(new int[] {-1, -1}, "u")).label()).isZero();
  }

  @Test
  void selectingModelsRefuseAGivenPrior() {
    assertThrows(
        IllegalArgumentException.class,
        () -> LabelModelFactory.trainer("ds-select", new double[] {0.5, 0.5}));
  }
}
