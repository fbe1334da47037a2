package dev.weakstream.core;

import dev.weakstream.core.lf.PhraseScan;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The ordered labeling functions of one pipeline, with the version that identifies them.
 *
 * <p>Applying the set never throws on behalf of a labeling function: a function that throws, or
 * that votes a class id outside {@code [0, numClasses)}, is reported to the {@link FaultListener}
 * and its vote becomes {@link LabelingFunction#ABSTAIN}. A function that runs out of its time
 * budget on a record (regex functions stop themselves, plugins are timed: {@link
 * LabelingFunctionTimeout}) abstains too and is reported as a timeout. Immutable and thread-safe if
 * its functions are.
 */
public final class LabelingFunctionSet {

  /** Told about each labeling-function fault and timeout; must be thread-safe. */
  @FunctionalInterface
  public interface FaultListener {
    FaultListener IGNORE = (index, name, error) -> {};

    void onFault(int lfIndex, String lfName, RuntimeException error);

    /**
     * A function ran past its time budget on a record and abstained; a listener that does not tell
     * timeouts apart hears of it as a fault.
     */
    default void onTimeout(int lfIndex, String lfName, LabelingFunctionTimeout timeout) {
      onFault(lfIndex, lfName, timeout);
    }
  }

  private final List<LabelingFunction> functions;
  private final List<String> names;
  private final int numClasses;
  private final String version;

  /** The keyword and lexicon functions, voted in one pass over the text. */
  private final PhraseScan phrases;

  /**
   * @param version identifies these functions and their settings (e.g. a hash of their
   *     definitions); it is written into every labeled record
   */
  public LabelingFunctionSet(List<LabelingFunction> functions, int numClasses, String version) {
    this.functions = List.copyOf(functions);
    this.names = this.functions.stream().map(LabelingFunction::name).toList();
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (!seen.add(name)) {
        throw new IllegalArgumentException("duplicate labeling function name '" + name + "'");
      }
    }
    if (numClasses < 2) {
      throw new IllegalArgumentException("numClasses must be at least 2, was " + numClasses);
    }
    this.numClasses = numClasses;
    this.version = Objects.requireNonNull(version, "version");
    this.phrases = PhraseScan.of(this.functions);
  }

  /** The functions, in vote order. */
  public List<LabelingFunction> functions() {
    return functions;
  }

  public List<String> names() {
    return names;
  }

  public int size() {
    return functions.size();
  }

  public int numClasses() {
    return numClasses;
  }

  public String version() {
    return version;
  }

  /** Applies every function to the record; one vote per function, in order. */
  public int[] apply(TextRecord record, FaultListener faults) {
    int[] votes = new int[functions.size()];
    boolean scanned = scanPhrases(record, votes);
    for (int i = 0; i < votes.length; i++) {
      LabelingFunction lf = functions.get(i);
      int vote;
      try {
        vote = scanned && phrases.covers(i) ? votes[i] : lf.apply(record);
        if (vote != LabelingFunction.ABSTAIN && (vote < 0 || vote >= numClasses)) {
          throw new IllegalStateException(
              "labeling function '"
                  + lf.name()
                  + "' voted class "
                  + vote
                  + ", outside [0, "
                  + numClasses
                  + ")");
        }
      } catch (LabelingFunctionTimeout timeout) {
        faults.onTimeout(i, names.get(i), timeout);
        vote = LabelingFunction.ABSTAIN;
      } catch (RuntimeException e) {
        faults.onFault(i, names.get(i), e);
        vote = LabelingFunction.ABSTAIN;
      }
      votes[i] = vote;
    }
    return votes;
  }

  /**
   * The keyword and lexicon votes in one pass ({@link PhraseScan}). The scan computes what those
   * functions' own {@code apply} would; should it fail, they are applied one by one instead, where
   * a failure is reported like any function's.
   */
  private boolean scanPhrases(TextRecord record, int[] votes) {
    try {
      phrases.vote(record, votes);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
