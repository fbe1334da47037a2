package dev.weakstream.trust;

import java.util.Arrays;

/**
 * What a record's conformal test says: a label set with the guarantee, or that no guarantee holds
 * yet. A record without a guarantee gets no set at all, so no consumer can mistake it for a
 * confident one.
 */
public sealed interface ConformalResult {

  /**
   * The classes the test does not reject: the record's true class is among them with probability >=
   * 1 - alpha (over exchangeable gold and records). May be empty under {@link TieRule#SMOOTHED}
   * when every class is unusually implausible — a valid, if rare, answer that says "none".
   *
   * @param classes the class ids, ascending
   */
  record LabelSet(int[] classes) implements ConformalResult {

    public LabelSet {
      classes = classes.clone();
    }

    @Override
    public int[] classes() {
      return classes.clone();
    }

    public int size() {
      return classes.length;
    }

    public boolean contains(int c) {
      return Arrays.binarySearch(classes, c) >= 0;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof LabelSet other && Arrays.equals(classes, other.classes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(classes);
    }

    @Override
    public String toString() {
      return "LabelSet" + Arrays.toString(classes);
    }
  }

  /**
   * Too little gold for the finite-sample quantile to exist (fewer than {@code goldNeeded} scores;
   * in class-conditional mode, of some class).
   *
   * @param goldScores the gold scores there are (of the scarcest class in class-conditional mode)
   * @param goldNeeded the number needed
   */
  record NoGuarantee(int goldScores, int goldNeeded) implements ConformalResult {}
}
