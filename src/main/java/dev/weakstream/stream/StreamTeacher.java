package dev.weakstream.stream;

import dev.weakstream.pipeline.TeacherDefinition;
import dev.weakstream.pipeline.TeacherReference;
import dev.weakstream.teacher.EmbeddingTeacher;
import dev.weakstream.teacher.FewShotHead;
import dev.weakstream.teacher.TeacherCache;
import dev.weakstream.teacher.TeacherModel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The teacher one application instance shares across its stream threads: the model (an embedding
 * teacher with a zero- or few-shot head, or a classifier the user brings), the {@link Head} in use
 * (its version and a cache of its outputs), and — for a few-shot embedding teacher — a bounded
 * sample of the gold records seen so far ({@link GoldSample}, at most {@value #MAX_GOLD_PER_CLASS}
 * per class), on which its head is fitted once {@code min_gold} have arrived and refitted as a
 * quarter more arrive. Until then a few-shot teacher is not ready and records are labeled without
 * it.
 *
 * <p>Refits run off the stream threads, on one background thread this object owns: {@link #gold}
 * only records the text and, when a refit is due and none is running, hands a copy of the sample to
 * that thread. The fitted head waits there until a stream thread calls {@link #adoptRefittedHead}
 * (QueryTeacher does before each record), which swaps head, version and a fresh cache in as one
 * {@link Head}, never while another thread is inside {@link #predict} — so an output and the
 * version stamped on it always belong to the same head — and without waiting for anything (it tries
 * again at the next record).
 *
 * <p>Thread-safe. Owns the teacher model and the refit thread: {@link #close()} (idempotent) lets a
 * running refit finish, then closes the model.
 */
public final class StreamTeacher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StreamTeacher.class);

  /**
   * Gold texts kept per class for the few-shot head. 1,000 a class is past where a few-shot head
   * still gains much, and bounds a refit's embedding work and the sample's memory (a few hundred KB
   * of texts a class).
   */
  public static final int MAX_GOLD_PER_CLASS = 1_000;

  /** How long {@link #close()} waits for a running refit before it leaves the model open. */
  static final Duration REFIT_CLOSE_WAIT = Duration.ofSeconds(60);

  /**
   * The head in use: its version (model and head; null before a few-shot head is fitted) and the
   * cache of its outputs. Replaced as a whole when a refitted head is swapped in, so a cached
   * output is always the output of the head whose version goes with it.
   */
  public record Head(String version, TeacherCache cache) {}

  /** The probabilities of one model call and the head that produced them. */
  public record Predictions(double[][] probabilities, Head head) {}

  private final TeacherDefinition definition;
  private final TeacherModel model;
  private final int numClasses;

  /** The model, when it learns from the stream's gold (few-shot embedding teacher); else null. */
  private final EmbeddingTeacher learner;

  private final AtomicReference<Head> head;

  /** Read-held while predicting, write-held (tryLock only) while swapping the head. */
  private final ReadWriteLock swap = new ReentrantReadWriteLock();

  /** A head a background refit finished, waiting for a stream thread to swap it in. */
  private final AtomicReference<FewShotHead> refitted = new AtomicReference<>();

  private final ExecutorService refits;
  private final GoldSample gold; // guarded by this
  private long fittedOn; // gold seen when the last refit started; guarded by this
  private boolean refitRunning; // guarded by this
  private boolean closed; // guarded by this
  private volatile boolean ready;

  public StreamTeacher(TeacherDefinition definition, TeacherModel model, int numClasses) {
    this(definition, model, numClasses, MAX_GOLD_PER_CLASS);
  }

  /**
   * @param goldPerClass gold texts kept per class (tests use small ones)
   */
  StreamTeacher(
      TeacherDefinition definition, TeacherModel model, int numClasses, int goldPerClass) {
    this.definition = definition;
    this.model = model;
    this.numClasses = numClasses;
    this.learner =
        model instanceof EmbeddingTeacher embedding
                && definition.mode() == TeacherReference.Mode.FEWSHOT
            ? embedding
            : null;
    this.ready = learner == null;
    this.head =
        new AtomicReference<>(
            new Head(ready ? model.version() : null, new TeacherCache(definition.cacheSize())));
    if (learner == null) {
      this.gold = null;
      this.refits = null;
    } else {
      this.gold = new GoldSample(numClasses, goldPerClass, FewShotHead.DEFAULT_SEED);
      this.refits =
          Executors.newSingleThreadExecutor(
              task -> {
                Thread thread = new Thread(task, "weakstream-teacher-refit-" + definition.name());
                thread.setDaemon(true);
                return thread;
              });
    }
  }

  public TeacherDefinition definition() {
    return definition;
  }

  public TeacherModel model() {
    return model;
  }

  public boolean ready() {
    return ready;
  }

  /** The head in use. */
  public Head head() {
    return head.get();
  }

  /** The cache of the current head's outputs (replaced when a refitted head is swapped in). */
  public TeacherCache cache() {
    return head.get().cache();
  }

  /**
   * The model's probabilities for {@code texts}, with the head that produced them; a head swap
   * waits for this call (not the other way round: {@link #adoptRefittedHead} never waits).
   */
  public Predictions predict(List<String> texts) {
    swap.readLock().lock();
    try {
      Head current = head.get();
      return new Predictions(model.predict(texts), current);
    } finally {
      swap.readLock().unlock();
    }
  }

  /**
   * Records a gold-labeled text; in few-shot mode, when enough have arrived and no refit is
   * running, starts a refit of the head on the background thread and returns at once.
   */
  public void gold(String text, int label) {
    if (learner == null) {
      return;
    }
    synchronized (this) {
      if (closed) {
        return;
      }
      gold.add(text, label);
      if (refitRunning || !refitDue()) {
        return;
      }
      refitRunning = true;
      fittedOn = gold.seen();
      List<String> texts = gold.texts();
      int[] labels = gold.labels();
      refits.execute(() -> refit(texts, labels));
    }
  }

  private boolean refitDue() {
    long n = gold.seen();
    boolean due =
        fittedOn == 0 ? n >= definition.minGold() : n >= fittedOn + Math.max(1, fittedOn / 4);
    return due && gold.classes() >= 2;
  }

  /** On the refit thread. */
  private void refit(List<String> texts, int[] labels) {
    try {
      refitted.set(learner.fit(texts, labels, numClasses));
    } catch (RuntimeException e) {
      LOG.error(
          "teacher {}: refitting the few-shot head on {} gold records failed; the current head"
              + " stays",
          definition.name(),
          texts.size(),
          e);
    } finally {
      synchronized (this) {
        refitRunning = false;
      }
    }
  }

  /**
   * Swaps in the head a background refit finished, if there is one; called by the stream threads
   * between records. Costs one volatile read when there is nothing to swap and never waits: while
   * another thread is inside {@link #predict} it returns false and the swap happens at a later
   * call.
   *
   * @return true when a new head was swapped in
   */
  public boolean adoptRefittedHead() {
    if (refitted.get() == null || !swap.writeLock().tryLock()) {
      return false;
    }
    try {
      FewShotHead fitted = refitted.getAndSet(null);
      if (fitted == null) {
        return false;
      }
      use(fitted);
      return true;
    } finally {
      swap.writeLock().unlock();
    }
  }

  /** Installs a fitted head; the caller holds the write lock. */
  private void use(FewShotHead fitted) {
    learner.use(fitted);
    head.set(new Head(learner.version(), new TeacherCache(definition.cacheSize())));
    ready = true;
  }

  /**
   * Fits a few-shot head on seed records before the stream starts (they count as gold seen), so the
   * teacher is ready from the first record. Runs on the calling thread.
   */
  public void seed(List<String> texts, int[] labels) {
    if (learner == null || texts.isEmpty()) {
      return;
    }
    List<String> sampleTexts;
    int[] sampleLabels;
    synchronized (this) {
      for (int i = 0; i < texts.size(); i++) {
        gold.add(texts.get(i), labels[i]);
      }
      fittedOn = gold.seen();
      sampleTexts = gold.texts();
      sampleLabels = gold.labels();
    }
    FewShotHead fitted = learner.fit(sampleTexts, sampleLabels, numClasses);
    swap.writeLock().lock();
    try {
      use(fitted);
    } finally {
      swap.writeLock().unlock();
    }
  }

  public int numClasses() {
    return numClasses;
  }

  /** Gold texts held for refits (bounded by the classes times the per-class capacity). */
  synchronized int goldHeld() {
    return gold == null ? 0 : gold.held();
  }

  /**
   * Lets a running refit finish (ONNX Runtime calls do not stop on an interrupt, and closing the
   * model under one could crash the JVM), then closes the model. If the refit has not finished
   * within {@link #REFIT_CLOSE_WAIT}, the model is left open, with a warning.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    if (refits != null) {
      refits.shutdown();
      try {
        if (!refits.awaitTermination(REFIT_CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.warn(
              "teacher {}: a head refit is still running after {}; leaving the model open",
              definition.name(),
              REFIT_CLOSE_WAIT);
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        LOG.warn(
            "teacher {}: interrupted while waiting for a head refit; leaving the model open",
            definition.name());
        return;
      }
    }
    model.close();
  }
}
