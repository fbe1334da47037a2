package dev.weakstream.teacher;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * A bounded LRU cache of teacher outputs (embeddings or probabilities) keyed by a SHA-256 hash of
 * the normalised text (lower-case, whitespace collapsed and trimmed), so repeated texts — retries,
 * duplicates, re-scoring after a head refit — skip inference. Lower-casing is exact for uncased
 * models such as MiniLM; for a cased model, texts differing only in case share an entry. Hit and
 * miss counts are exposed for metrics.
 *
 * <p>Thread-safe (synchronized map, lock-free counters). Stored arrays are never modified; callers
 * must not modify what they put or get.
 */
public final class TeacherCache {

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final int capacity;
  private final Map<Key, float[]> entries;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();

  /**
   * @param capacity entries kept at most (0 disables caching)
   */
  public TeacherCache(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must be >= 0, was " + capacity);
    }
    this.capacity = capacity;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, float[]> eldest) {
            return size() > TeacherCache.this.capacity;
          }
        };
  }

  /** The cache key of a text: SHA-256 of its normalised form. */
  public record Key(long high, long low) {}

  /** Lower-case, whitespace runs collapsed to one space, trimmed. */
  public static String normalise(String text) {
    return WHITESPACE
        .matcher(text == null ? "" : text.toLowerCase(Locale.ROOT))
        .replaceAll(" ")
        .trim();
  }

  /** The key of a text. */
  public static Key key(String text) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(normalise(text).getBytes(StandardCharsets.UTF_8));
      long hi = 0;
      long lo = 0;
      for (int i = 0; i < 8; i++) {
        hi = hi << 8 | (d[i] & 0xff);
        lo = lo << 8 | (d[8 + i] & 0xff);
      }
      return new Key(hi, lo);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The cached output for {@code key}, or null; counts a hit or a miss. */
  public float[] get(Key key) {
    float[] v;
    synchronized (entries) {
      v = entries.get(key);
    }
    (v == null ? misses : hits).increment();
    return v;
  }

  public void put(Key key, float[] value) {
    if (capacity == 0) {
      return;
    }
    synchronized (entries) {
      entries.put(key, value);
    }
  }

  public long hits() {
    return hits.sum();
  }

  public long misses() {
    return misses.sum();
  }

  public int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  public int capacity() {
    return capacity;
  }
}
