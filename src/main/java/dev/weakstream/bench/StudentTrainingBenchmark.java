package dev.weakstream.bench;

import dev.weakstream.student.HashingConfig;
import dev.weakstream.training.GoldExample;
import dev.weakstream.training.SoftLabeledExample;
import dev.weakstream.training.StudentKind;
import dev.weakstream.training.StudentTrainer;
import dev.weakstream.training.StudentTrainerConfig;
import dev.weakstream.training.TrainingProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How long {@link StudentTrainer} takes to train a hashed student on N records ({@code
 * student_train_seconds}): synthetic texts of 8-24 words from a 5,000-word vocabulary, where a few
 * hundred words lean towards class 1, with soft labels from those words, plus 500 gold rows. The
 * whole default trainer runs (every L2 candidate, early stopping), featurization included.
 * Deterministic input given the seed; the time is wall-clock on this machine.
 */
public final class StudentTrainingBenchmark {

  private static final int VOCABULARY = 5_000;
  private static final int GOLD_ROWS = 500;

  private StudentTrainingBenchmark() {}

  /** Wall seconds to train on {@code records} synthetic records with the default hashed config. */
  public static double secondsFor(int records, long seed) {
    return secondsFor(records, StudentTrainerConfig.defaults(StudentKind.HASHED).withSeed(seed));
  }

  /**
   * Wall seconds to train on {@code records} synthetic records with {@code config} (hashed
   * students).
   */
  public static double secondsFor(int records, StudentTrainerConfig config) {
    if (records < 1) {
      throw new IllegalArgumentException("records must be >= 1, was " + records);
    }
    SplittableRandom random = new SplittableRandom(config.seed());
    List<SoftLabeledExample> train = new ArrayList<>(records);
    for (int i = 0; i < records; i++) {
      Text t = text(random);
      double p = Math.min(0.95, Math.max(0.05, 0.5 + 0.15 * t.lean));
      train.add(new SoftLabeledExample(Integer.toString(i), t.text, new double[] {1 - p, p}, null));
    }
    List<GoldExample> gold = new ArrayList<>(GOLD_ROWS);
    for (int i = 0; i < GOLD_ROWS; i++) {
      Text t = text(random);
      gold.add(new GoldExample("gold-" + i, t.text, null, t.lean > 0 ? 1 : 0));
    }
    long start = System.nanoTime();
    new StudentTrainer(config).train(train, gold, List.of("ham", "spam"), TrainingProgress.NONE);
    return (System.nanoTime() - start) / 1e9;
  }

  private record Text(String text, int lean) {}

  private static Text text(SplittableRandom random) {
    int words = 8 + random.nextInt(17);
    StringBuilder sb = new StringBuilder();
    int lean = 0;
    for (int w = 0; w < words; w++) {
      int id = (int) Math.floor(Math.pow(random.nextDouble(), 2) * VOCABULARY); // Zipf-like
      if (id % 17 == 0) {
        lean++;
      } else if (id % 19 == 0) {
        lean--;
      }
      sb.append(w == 0 ? "" : " ").append("w").append(Integer.toString(id, 36));
    }
    return new Text(sb.toString(), lean);
  }

  /** The hashing config the benchmark uses by default (for reports). */
  public static HashingConfig hashing() {
    return HashingConfig.DEFAULT;
  }
}
