package dev.weakstream.bench;

import dev.weakstream.core.TextRecord;
import dev.weakstream.student.StudentModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Serving speed of a student on one thread: texts predicted in batches, after a warm-up, for at
 * least a minimum duration. Used by {@code bench hotswap} as {@code student_rps}. Stateless.
 */
public final class StudentServingBenchmark {

  /** Records per batch unless told otherwise. */
  public static final int DEFAULT_BATCH = 32;

  private StudentServingBenchmark() {}

  /**
   * Records per second one thread scores with {@code model}, cycling through {@code texts} in
   * batches of {@code batchSize} (featurization included) for at least {@code minMillis} after a
   * warm-up of at least one pass and one second.
   */
  public static double recordsPerSecond(
      StudentModel model, List<String> texts, int batchSize, long minMillis) {
    if (texts.isEmpty() || batchSize < 1) {
      throw new IllegalArgumentException("need texts and a positive batch size");
    }
    List<List<TextRecord>> batches = new ArrayList<>();
    for (int start = 0; start < texts.size(); start += batchSize) {
      List<TextRecord> batch = new ArrayList<>();
      for (int i = start; i < Math.min(texts.size(), start + batchSize); i++) {
        batch.add(new TextRecord(String.valueOf(i), texts.get(i), Map.of()));
      }
      batches.add(batch);
    }
    long warmUntil =
        System.nanoTime() + 1_000_000_000L; // at least one pass and a second: until the JIT settles
    do {
      batches.forEach(model::predict);
    } while (System.nanoTime() < warmUntil);
    long records = 0;
    long start = System.nanoTime();
    long deadline = start + minMillis * 1_000_000L;
    long now;
    do {
      for (List<TextRecord> batch : batches) {
        records += model.predict(batch).length;
      }
      now = System.nanoTime();
    } while (now < deadline);
    return records / ((now - start) / 1e9);
  }
}
