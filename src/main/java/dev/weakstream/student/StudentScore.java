package dev.weakstream.student;

/**
 * One student's output for one record: which model, its class probabilities, and their argmax.
 *
 * @param label the most probable class id (the first, on ties)
 */
public record StudentScore(String name, String version, double[] probabilities, int label) {

  /** The score of {@code probabilities} from model {@code name} {@code version}. */
  public static StudentScore of(String name, String version, double[] probabilities) {
    int best = 0;
    for (int k = 1; k < probabilities.length; k++) {
      if (probabilities[k] > probabilities[best]) {
        best = k;
      }
    }
    return new StudentScore(name, version, probabilities, best);
  }

  /** Probability of {@link #label()}. */
  public double confidence() {
    return probabilities[label];
  }
}
