package dev.weakstream.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * A teacher the pipeline queries in the stream: which model, how its embeddings become
 * probabilities, when it is worth a call (active distillation), and how calls are batched.
 *
 * @param name manifest name ({@code models/NAME.yaml}); also the teacher's source name in vote rows
 * @param query when to call it: only for records no LF covers, when the label model is unsure, or
 *     always
 * @param confidenceBelow with {@code LOW_CONFIDENCE}: call when the current labeler's confidence is
 *     below
 * @param batchSize call the model once this many records are pending...
 * @param maxWait ...or once the oldest pending record has waited this long
 * @param maxCallsPerSecond cap on records sent to the teacher per second (0 = no cap); records over
 *     the cap are labeled without the teacher
 * @param cacheSize teacher outputs kept, keyed by a hash of the normalised text
 * @param minGold few-shot mode: gold records needed before the head is first fitted
 * @param seedFile few-shot mode: gold-labeled records (CSV, TSV or JSONL, with the pipeline's input
 *     field names) the head is fitted on at start, before any gold arrives in the stream; null for
 *     none
 */
public record TeacherDefinition(
    String name,
    TeacherReference.Mode mode,
    Query query,
    double confidenceBelow,
    int batchSize,
    Duration maxWait,
    double maxCallsPerSecond,
    int cacheSize,
    int minGold,
    Path seedFile) {

  /** Without a seed file. */
  public TeacherDefinition(
      String name,
      TeacherReference.Mode mode,
      Query query,
      double confidenceBelow,
      int batchSize,
      Duration maxWait,
      double maxCallsPerSecond,
      int cacheSize,
      int minGold) {
    this(
        name,
        mode,
        query,
        confidenceBelow,
        batchSize,
        maxWait,
        maxCallsPerSecond,
        cacheSize,
        minGold,
        null);
  }

  /** When the teacher is worth a call. */
  public enum Query {
    UNCOVERED,
    LOW_CONFIDENCE,
    ALWAYS;

    /** The policy's name in pipeline files: {@code uncovered}, {@code low_confidence}, ... */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The head a teacher gets when {@code mode} is not given. */
  public static final TeacherReference.Mode DEFAULT_MODE = TeacherReference.Mode.FEWSHOT;

  /** When a teacher is called when {@code query} is not given. */
  public static final Query DEFAULT_QUERY = Query.UNCOVERED;

  /**
   * The defaults of every optional key (documented in {@code topology/README.md}, checked by a
   * test).
   */
  public static TeacherDefinition defaults(String name, TeacherReference.Mode mode) {
    return new TeacherDefinition(
        name, mode, DEFAULT_QUERY, 0.8, 16, Duration.ofMillis(200), 0, 10_000, 20);
  }
}
