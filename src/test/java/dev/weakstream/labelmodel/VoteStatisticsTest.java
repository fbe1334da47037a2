package dev.weakstream.labelmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weakstream.core.VoteRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class VoteStatisticsTest {

  private static VoteRow row(int... votes) {
    return VoteRow.hard(votes, "k");
  }

  private static List<VoteRow> synthetic(int n, long seed) {
    SyntheticVotes stream = new SyntheticVotes(SyntheticVotes.Spec.random(12, 3, seed));
    List<VoteRow> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(stream.next().row());
    }
    return rows;
  }

  @Test
  void abstainsAreNotVotesAndUncoveredRowsAreCountedApart() {
    VoteStatistics stats = new VoteStatistics(3, 2);
    stats.update(row(-1, -1, -1));
    stats.update(row(1, -1, 0));
    stats.update(row(1, -1, 0));

    assertThat(stats.records()).isEqualTo(3);
    assertThat(stats.uncoveredWeight()).isEqualTo(1.0);
    assertThat(stats.coveredWeight()).isEqualTo(2.0);
    assertThat(stats.voteMass(0, 1)).isEqualTo(2.0);
    assertThat(stats.voteMass(1, 0) + stats.voteMass(1, 1)).isZero();
    assertThat(stats.sampledPatterns()).isEqualTo(1);
    VoteStatistics.WeightedPattern p = stats.patterns().get(0);
    assertThat(p.weight()).isEqualTo(2.0);
    assertThat(p.entries()).hasSize(2);
    assertThat(VoteStatistics.source(p.entries()[0])).isZero();
    assertThat(VoteStatistics.classOf(p.entries()[0])).isEqualTo(1);
    assertThat(VoteStatistics.mass(p.entries()[0])).isEqualTo(VoteStatistics.MASS_UNITS);
  }

  @Test
  void softVotesEnterAsQuantisedFractionalCounts() {
    VoteStatistics stats = new VoteStatistics(2, 3);
    stats.update(new VoteRow(new int[] {0, 2}, new double[][] {{0.5, 0.25, 0.25}, null}, "k"));

    assertThat(stats.voteMass(0, 0)).isEqualTo(0.5);
    assertThat(stats.voteMass(0, 1)).isEqualTo(0.25);
    assertThat(stats.voteMass(1, 2)).isEqualTo(1.0);
    int total = 0;
    for (int e : stats.patterns().get(0).entries()) {
      total += VoteStatistics.source(e) == 0 ? VoteStatistics.mass(e) : 0;
    }
    assertThat(total).isEqualTo(VoteStatistics.MASS_UNITS);
  }

  @Test
  void memoryIsBoundedByCapacity() {
    VoteStatistics stats = new VoteStatistics(12, 3, 50, 0, 7);
    synthetic(5_000, 1).forEach(stats::update);

    assertThat(stats.sampledPatterns()).isEqualTo(50);
    assertThat(stats.saturated()).isTrue();
    double sum =
        stats.patterns().stream().mapToDouble(VoteStatistics.WeightedPattern::weight).sum();
    assertThat(sum).isCloseTo(stats.coveredWeight(), within(1e-6));
  }

  @Test
  void mergeEqualsTheCombinedStreamBelowAndAboveCapacity() {
    for (int capacity : new int[] {100_000, 64}) {
      List<VoteRow> a = synthetic(3_000, 1);
      List<VoteRow> b = synthetic(2_000, 2);
      VoteStatistics left = new VoteStatistics(12, 3, capacity, 0, 7);
      VoteStatistics right = new VoteStatistics(12, 3, capacity, 0, 7);
      VoteStatistics combined = new VoteStatistics(12, 3, capacity, 0, 7);
      a.forEach(left::update);
      b.forEach(right::update);
      a.forEach(combined::update);
      b.forEach(combined::update);

      left.merge(right);

      assertThat(left.toBytes()).isEqualTo(combined.toBytes());
    }
  }

  @Test
  void arrivalOrderDoesNotChangeTheStatistics() {
    List<VoteRow> rows = synthetic(3_000, 3);
    VoteStatistics forward = new VoteStatistics(12, 3, 64, 0, 7);
    VoteStatistics backward = new VoteStatistics(12, 3, 64, 0, 7);
    rows.forEach(forward::update);
    for (int i = rows.size() - 1; i >= 0; i--) {
      backward.update(rows.get(i));
    }
    assertThat(backward.toBytes()).isEqualTo(forward.toBytes());
  }

  @Test
  void bytesRoundTripExactly() {
    VoteStatistics stats = new VoteStatistics(12, 3, 64, 500, 7);
    synthetic(2_000, 4).forEach(stats::update);

    VoteStatistics copy = VoteStatistics.fromBytes(stats.toBytes());

    assertThat(copy.toBytes()).isEqualTo(stats.toBytes());
    assertThat(copy.totalWeight()).isEqualTo(stats.totalWeight());
    assertThat(copy.patterns()).hasSameSizeAs(stats.patterns());
    VoteRow next = synthetic(1, 5).get(0);
    copy.update(next);
    stats.update(next);
    assertThat(copy.toBytes()).isEqualTo(stats.toBytes());
  }

  @Test
  void corruptBytesAreRejected() {
    byte[] bytes = new VoteStatistics(2, 2).toBytes();
    bytes[0] ^= 1;
    assertThrows(IllegalArgumentException.class, () -> VoteStatistics.fromBytes(bytes));
    byte[] truncated = Arrays.copyOf(new VoteStatistics(2, 2).toBytes(), 20);
    assertThrows(IllegalArgumentException.class, () -> VoteStatistics.fromBytes(truncated));
  }

  @Test
  void decayHalvesAWeightEveryHalfLife() {
    VoteStatistics stats = new VoteStatistics(2, 2, 100, 10, 7);
    stats.update(row(1, -1));
    for (int i = 0; i < 10; i++) {
      stats.update(row(-1, -1));
    }
    assertThat(stats.voteMass(0, 1)).isCloseTo(0.5, within(1e-12));
    for (int i = 0; i < 10_000; i++) {
      stats.update(row(-1, -1)); // forces rescaling of the inflated weights
    }
    assertThat(stats.totalWeight()).isCloseTo(1 / (1 - Math.pow(2, -0.1)), within(1e-6));
    assertThat(stats.voteMass(0, 1)).isLessThan(1e-100);
  }

  @Test
  void invalidInputIsRejected() {
    VoteStatistics stats = new VoteStatistics(2, 2);
    assertThrows(IllegalArgumentException.class, () -> stats.update(row(0)));
    assertThrows(IllegalArgumentException.class, () -> stats.update(row(2, 0)));
    assertThrows(IllegalArgumentException.class, () -> stats.merge(new VoteStatistics(3, 2)));
    assertThrows(IllegalArgumentException.class, () -> new VoteStatistics(2, 1));
  }
}
