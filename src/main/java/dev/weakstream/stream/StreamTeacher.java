package dev.weakstream.stream;

import dev.weakstream.pipeline.TeacherDefinition;
import dev.weakstream.pipeline.TeacherReference;
import dev.weakstream.teacher.EmbeddingTeacher;
import dev.weakstream.teacher.TeacherCache;
import dev.weakstream.teacher.TeacherModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The teacher one application instance shares across its stream threads: the model (an embedding
 * teacher with a zero- or few-shot head, or a classifier the user brings), a cache of its outputs,
 * and — for a few-shot embedding teacher — the gold records seen so far, on which its head is
 * fitted once {@code min_gold} have arrived and refitted as a quarter more arrive. Until then a
 * few-shot teacher is not ready and records are labeled without it.
 *
 * <p>Thread-safe. Owns the teacher model: {@link #close()} closes it.
 */
public final class StreamTeacher implements AutoCloseable {

  private final TeacherDefinition definition;
  private final TeacherModel model;
  private final int numClasses;
  private final AtomicReference<TeacherCache> cache;
  private final List<String> goldTexts = new ArrayList<>();
  private final List<Integer> goldLabels = new ArrayList<>();
  private int fittedOn;
  private volatile boolean ready;

  public StreamTeacher(TeacherDefinition definition, TeacherModel model, int numClasses) {
    this.definition = definition;
    this.model = model;
    this.numClasses = numClasses;
    this.cache = new AtomicReference<>(new TeacherCache(definition.cacheSize()));
    this.ready = !learnsFromGold();
  }

  /**
   * True for an embedding teacher in few-shot mode: its head is fitted on the stream's gold
   * records.
   */
  private boolean learnsFromGold() {
    return model instanceof EmbeddingTeacher && definition.mode() == TeacherReference.Mode.FEWSHOT;
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

  /** The cache of the current head's outputs (replaced when the head is refitted). */
  public TeacherCache cache() {
    return cache.get();
  }

  /**
   * Records a gold-labeled text; in few-shot mode, fits or refits the head when enough have
   * arrived.
   */
  public void gold(String text, int label) {
    if (!learnsFromGold()) {
      return;
    }
    List<String> texts;
    int[] labels;
    synchronized (this) {
      goldTexts.add(text);
      goldLabels.add(label);
      int n = goldTexts.size();
      boolean due =
          fittedOn == 0 ? n >= definition.minGold() : n >= fittedOn + Math.max(1, fittedOn / 4);
      if (!due || goldLabels.stream().distinct().count() < 2) {
        return;
      }
      fittedOn = n;
      texts = List.copyOf(goldTexts);
      labels = goldLabels.stream().mapToInt(Integer::intValue).toArray();
    }
    ((EmbeddingTeacher) model).refit(texts, labels, numClasses);
    cache.set(new TeacherCache(definition.cacheSize()));
    ready = true;
  }

  /**
   * Fits a few-shot head on seed records before the stream starts (they count as gold seen), so the
   * teacher is ready from the first record.
   */
  public void seed(List<String> texts, int[] labels) {
    if (!learnsFromGold() || texts.isEmpty()) {
      return;
    }
    synchronized (this) {
      for (int i = 0; i < texts.size(); i++) {
        goldTexts.add(texts.get(i));
        goldLabels.add(labels[i]);
      }
      fittedOn = goldTexts.size();
    }
    ((EmbeddingTeacher) model).refit(List.copyOf(texts), labels.clone(), numClasses);
    cache.set(new TeacherCache(definition.cacheSize()));
    ready = true;
  }

  public int numClasses() {
    return numClasses;
  }

  @Override
  public void close() {
    model.close();
  }
}
