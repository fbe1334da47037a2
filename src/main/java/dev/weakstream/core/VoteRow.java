package dev.weakstream.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * The votes of every source (labeling function, external voter, teacher) on one record.
 *
 * <p>{@code votes[j]} is source j's hard vote (a class id, or -1 = abstain). Where {@code soft[j]}
 * is not null, source j gave a soft vote instead: a probability per class, and {@code votes[j]}
 * holds its argmax. {@code tieKey} identifies the record for deterministic tie-breaking (see {@link
 * TieBreak}).
 *
 * <p>Arrays are owned by the row and must not be modified after construction.
 */
public record VoteRow(int[] votes, double[][] soft, String tieKey) {

  public VoteRow {
    Objects.requireNonNull(votes, "votes");
    Objects.requireNonNull(tieKey, "tieKey");
    if (soft != null && soft.length != votes.length) {
      throw new IllegalArgumentException(
          "soft has " + soft.length + " entries but votes has " + votes.length);
    }
  }

  /** A row of hard votes only. */
  public static VoteRow hard(int[] votes, String tieKey) {
    return new VoteRow(votes, null, tieKey);
  }

  public int size() {
    return votes.length;
  }

  /** The soft vote of source j, or null if it voted hard (or abstained). */
  public double[] softVote(int j) {
    return soft == null ? null : soft[j];
  }

  /** True when at least one source did not abstain. */
  public boolean covered() {
    for (int v : votes) {
      if (v != LabelingFunction.ABSTAIN) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VoteRow other
        && Arrays.equals(votes, other.votes)
        && Arrays.deepEquals(soft, other.soft)
        && tieKey.equals(other.tieKey);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(votes) + tieKey.hashCode();
  }

  @Override
  public String toString() {
    return "VoteRow" + Arrays.toString(votes);
  }
}
