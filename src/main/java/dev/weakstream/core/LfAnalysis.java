package dev.weakstream.core;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Streaming LF analysis, as Snorkel's {@code LFAnalysis}: per labeling function its polarity
 * (classes it votes), coverage (share of rows it votes on), overlap (share of rows where it and
 * another source vote), conflict (share of rows where another source votes a different class) and
 * empirical accuracy on rows with a gold label; overall coverage, overlap and conflict. Rates are
 * fractions in [0, 1].
 *
 * <p>Updated one row at a time in O(sources); not thread-safe (one accumulator per thread, then
 * {@link #merge}).
 */
public final class LfAnalysis {

  /** The analysis of one source. {@code accuracy} is NaN when no gold row was voted on. */
  public record LfSummary(
      String name,
      List<Integer> polarity,
      double coverage,
      double overlap,
      double conflict,
      double accuracy,
      long goldVoted) {}

  private final List<String> names;
  private final int numClasses;
  private long rows;
  private long coveredRows;
  private long overlapRows;
  private long conflictRows;
  private final long[] voted;
  private final long[] overlapped;
  private final long[] conflicted;
  private final long[] goldVoted;
  private final long[] goldCorrect;
  private final long[][] votesByClass;

  public LfAnalysis(List<String> names, int numClasses) {
    this.names = List.copyOf(names);
    this.numClasses = numClasses;
    int m = names.size();
    voted = new long[m];
    overlapped = new long[m];
    conflicted = new long[m];
    goldVoted = new long[m];
    goldCorrect = new long[m];
    votesByClass = new long[m][numClasses];
  }

  /**
   * Adds one row.
   *
   * @param votes one vote per source, aligned with the names given at construction (-1 = abstain)
   * @param gold the row's gold class, or null
   */
  public void add(int[] votes, Integer gold) {
    rows++;
    int count = 0;
    int first = LabelingFunction.ABSTAIN;
    boolean disagree = false;
    for (int v : votes) {
      if (v != LabelingFunction.ABSTAIN) {
        if (count == 0) {
          first = v;
        } else if (v != first) {
          disagree = true;
        }
        count++;
      }
    }
    if (count == 0) {
      return;
    }
    coveredRows++;
    if (count > 1) {
      overlapRows++;
    }
    if (disagree) {
      conflictRows++;
    }
    for (int j = 0; j < names.size(); j++) {
      int v = votes[j];
      if (v == LabelingFunction.ABSTAIN) {
        continue;
      }
      voted[j]++;
      votesByClass[j][v]++;
      if (count > 1) {
        overlapped[j]++;
        if (disagree && disagreesWithOthers(votes, j)) {
          conflicted[j]++;
        }
      }
      if (gold != null) {
        goldVoted[j]++;
        if (v == gold) {
          goldCorrect[j]++;
        }
      }
    }
  }

  private static boolean disagreesWithOthers(int[] votes, int j) {
    for (int i = 0; i < votes.length; i++) {
      if (i != j && votes[i] != LabelingFunction.ABSTAIN && votes[i] != votes[j]) {
        return true;
      }
    }
    return false;
  }

  /** Adds another accumulator over the same sources. */
  public void merge(LfAnalysis other) {
    if (!other.names.equals(names)) {
      throw new IllegalArgumentException("cannot merge analyses of different sources");
    }
    rows += other.rows;
    coveredRows += other.coveredRows;
    overlapRows += other.overlapRows;
    conflictRows += other.conflictRows;
    for (int j = 0; j < names.size(); j++) {
      voted[j] += other.voted[j];
      overlapped[j] += other.overlapped[j];
      conflicted[j] += other.conflicted[j];
      goldVoted[j] += other.goldVoted[j];
      goldCorrect[j] += other.goldCorrect[j];
      for (int k = 0; k < numClasses; k++) {
        votesByClass[j][k] += other.votesByClass[j][k];
      }
    }
  }

  public long rows() {
    return rows;
  }

  public double coverage() {
    return rate(coveredRows, rows);
  }

  public double overlap() {
    return rate(overlapRows, rows);
  }

  public double conflict() {
    return rate(conflictRows, rows);
  }

  public List<LfSummary> summaries() {
    List<LfSummary> out = new ArrayList<>(names.size());
    for (int j = 0; j < names.size(); j++) {
      TreeSet<Integer> polarity = new TreeSet<>();
      for (int k = 0; k < numClasses; k++) {
        if (votesByClass[j][k] > 0) {
          polarity.add(k);
        }
      }
      out.add(
          new LfSummary(
              names.get(j),
              List.copyOf(polarity),
              rate(voted[j], rows),
              rate(overlapped[j], rows),
              rate(conflicted[j], rows),
              goldVoted[j] == 0 ? Double.NaN : (double) goldCorrect[j] / goldVoted[j],
              goldVoted[j]));
    }
    return out;
  }

  private static double rate(long part, long whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }
}
