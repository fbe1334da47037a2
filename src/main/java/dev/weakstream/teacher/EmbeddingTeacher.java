package dev.weakstream.teacher;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A teacher made of a {@link SentenceEncoder} and a {@link ClassificationHead}: embeddings (cached
 * by text) through the current head. {@link #refit} swaps in a few-shot head fitted on more gold
 * rows; the head is an immutable snapshot behind an {@link AtomicReference}, so predictions in
 * flight keep the head they started with.
 *
 * <p>Thread-safe. Owns the encoder only when constructed with {@code ownsEncoder = true} (several
 * teachers may share one encoder, e.g. a zero-shot and a few-shot head); {@link #close()} is
 * idempotent.
 */
public final class EmbeddingTeacher implements TeacherModel {

  private final String name;
  private final SentenceEncoder encoder;
  private final boolean ownsEncoder;
  private final AtomicReference<ClassificationHead> head;
  private final long seed;
  private boolean closed;

  public EmbeddingTeacher(
      String name,
      SentenceEncoder encoder,
      boolean ownsEncoder,
      ClassificationHead head,
      long seed) {
    this.name = name;
    this.encoder = encoder;
    this.ownsEncoder = ownsEncoder;
    this.head = new AtomicReference<>(head);
    this.seed = seed;
  }

  /** A zero-shot teacher over class descriptions (in class order). */
  public static EmbeddingTeacher zeroShot(
      SentenceEncoder encoder, boolean ownsEncoder, List<String> classDescriptions) {
    return new EmbeddingTeacher(
        encoder.manifest().name() + "-zeroshot",
        encoder,
        ownsEncoder,
        ZeroShotHead.of(encoder, classDescriptions, ZeroShotHead.DEFAULT_TEMPERATURE),
        FewShotHead.DEFAULT_SEED);
  }

  /** A few-shot teacher fitted on gold texts. */
  public static EmbeddingTeacher fewShot(
      SentenceEncoder encoder,
      boolean ownsEncoder,
      List<String> goldTexts,
      int[] gold,
      int numClasses,
      long seed) {
    FewShotHead head = FewShotHead.fit(encoder.embed(goldTexts), gold, numClasses, seed);
    return new EmbeddingTeacher(
        encoder.manifest().name() + "-fewshot", encoder, ownsEncoder, head, seed);
  }

  /** Fits a new few-shot head on all gold rows so far and swaps it in; returns it. */
  public FewShotHead refit(List<String> goldTexts, int[] gold) {
    return refit(goldTexts, gold, numClasses());
  }

  /** As {@link #refit(List, int[])}, for a teacher created without a head yet. */
  public FewShotHead refit(List<String> goldTexts, int[] gold, int numClasses) {
    FewShotHead fitted = fit(goldTexts, gold, numClasses);
    use(fitted);
    return fitted;
  }

  /**
   * Fits a few-shot head on gold rows without swapping it in (see {@link #use}); may run on another
   * thread beside predictions, which keep the current head.
   */
  public FewShotHead fit(List<String> goldTexts, int[] gold, int numClasses) {
    return FewShotHead.fit(encoder.embed(goldTexts), gold, numClasses, seed);
  }

  /** Swaps in {@code fitted}: predictions that start afterwards use it. */
  public void use(ClassificationHead fitted) {
    head.set(Objects.requireNonNull(fitted, "fitted"));
  }

  public ClassificationHead head() {
    return head.get();
  }

  public SentenceEncoder encoder() {
    return encoder;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String version() {
    return encoder.manifest().version() + "/" + head.get().version();
  }

  @Override
  public Device device() {
    return encoder.device();
  }

  @Override
  public int numClasses() {
    return head.get().numClasses();
  }

  @Override
  public double[][] predict(List<String> texts) {
    ClassificationHead h = head.get();
    float[][] embeddings = encoder.embed(texts);
    double[][] out = new double[embeddings.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = h.probabilities(embeddings[i]);
    }
    return out;
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      if (ownsEncoder) {
        encoder.close();
      }
    }
  }
}
