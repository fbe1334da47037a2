package dev.weakstream.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The gold-labeled texts a few-shot teacher head is fitted on, in bounded memory: per class a
 * uniform random sample (a reservoir, Vitter's algorithm R) of at most {@code perClassCapacity} of
 * the texts of that class seen so far.
 *
 * <p>Why per class and why a reservoir rather than a most-recent window: the head is a few-shot
 * classifier whose quality depends on seeing every class, and a stream's gold is as imbalanced as
 * its classes — one shared window would let the majority class push a rare class out; a reservoir's
 * sample is uniform over the whole history, so a refit does not forget the early gold and does not
 * depend on how the stream was ordered in time (refits are due ever more rarely, as the gold grows
 * by a quarter, so a window would not track drift well anyway). Seeded, so the same gold in the
 * same order gives the same sample.
 *
 * <p>Not thread-safe: {@link StreamTeacher} guards it.
 */
final class GoldSample {

  private final int perClassCapacity;
  private final List<List<String>> texts;
  private final long[] seenPerClass;
  private final SplittableRandom random;
  private long seen;

  GoldSample(int numClasses, int perClassCapacity, long seed) {
    if (perClassCapacity < 1) {
      throw new IllegalArgumentException(
          "perClassCapacity must be at least 1, was " + perClassCapacity);
    }
    this.perClassCapacity = perClassCapacity;
    this.texts = new ArrayList<>(numClasses);
    for (int c = 0; c < numClasses; c++) {
      texts.add(new ArrayList<>());
    }
    this.seenPerClass = new long[numClasses];
    this.random = new SplittableRandom(seed);
  }

  /**
   * Offers one gold text; it replaces a random held text of its class once the class is full.
   *
   * @throws IllegalArgumentException for a label outside [0, numClasses) (the decoder dead-letters
   *     those before they get here)
   */
  void add(String text, int label) {
    if (label < 0 || label >= texts.size()) {
      throw new IllegalArgumentException(
          "gold label " + label + " outside [0, " + texts.size() + ")");
    }
    seen++;
    long n = ++seenPerClass[label];
    List<String> held = texts.get(label);
    if (held.size() < perClassCapacity) {
      held.add(text);
    } else {
      long slot = random.nextLong(n);
      if (slot < perClassCapacity) {
        held.set((int) slot, text);
      }
    }
  }

  /** Gold texts offered so far (held or not). */
  long seen() {
    return seen;
  }

  /** Texts held, at most {@code numClasses * perClassCapacity}. */
  int held() {
    int n = 0;
    for (List<String> held : texts) {
      n += held.size();
    }
    return n;
  }

  /** Classes with at least one text held. */
  int classes() {
    int n = 0;
    for (List<String> held : texts) {
      n += held.isEmpty() ? 0 : 1;
    }
    return n;
  }

  /** A copy of the held texts, class by class. */
  List<String> texts() {
    List<String> out = new ArrayList<>(held());
    texts.forEach(out::addAll);
    return List.copyOf(out);
  }

  /** The labels of {@link #texts()}, in the same order. */
  int[] labels() {
    int[] out = new int[held()];
    int i = 0;
    for (int c = 0; c < texts.size(); c++) {
      for (int k = 0; k < texts.get(c).size(); k++) {
        out[i++] = c;
      }
    }
    return out;
  }
}
