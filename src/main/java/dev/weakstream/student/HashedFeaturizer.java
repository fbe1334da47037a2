package dev.weakstream.student;

import dev.weakstream.core.lf.WordTokenizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Turns a text into hashed word and character n-gram features (the "hashing trick"), so a student
 * needs no vocabulary: training and serving agree as long as they share the {@link HashingConfig}.
 *
 * <p>Definition (stable: models trained on it depend on it):
 *
 * <ul>
 *   <li>words are {@link WordTokenizer}'s lower-cased tokens; a word n-gram hashes its words'
 *       hashes in order;
 *   <li>character n-grams run over the lower-cased text, stripped of every character up to U+0020
 *       at both ends ({@link String#trim()}), with every run of ASCII white space ({@code [
 *       \t\n\x0B\f\r]}) collapsed to one space and one space added at each end;
 *   <li>a string's hash is 64-bit FNV-1a over its UTF-16 chars, seeded by the feature family and n,
 *       finished with MurmurHash3's fmix64; the slot is its low {@code bits} bits (collisions add
 *       up);
 *   <li>each slot's value is {@code 1 + ln(count)} (sublinear term frequency), and the whole vector
 *       is scaled to unit L2 norm.
 * </ul>
 *
 * Written here rather than taken from a library because the exact function is part of the model's
 * contract and must be reproducible in any runtime. Stateless and thread-safe.
 */
public final class HashedFeaturizer {

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final long WORD_FAMILY = 0x5753574f5244L;
  private static final long CHAR_FAMILY = 0x575343484152L;

  private final HashingConfig config;
  private final int mask;

  public HashedFeaturizer(HashingConfig config) {
    this.config = config;
    this.mask = config.dimension() - 1;
  }

  public HashingConfig config() {
    return config;
  }

  public SparseFeatures featurize(String text) {
    int[] slots = new int[64];
    int n = 0;
    if (config.minWordNgram() > 0) {
      List<String> words = WordTokenizer.lowerCaseTokens(text);
      long[] wordHashes = new long[words.size()];
      for (int i = 0; i < wordHashes.length; i++) {
        wordHashes[i] = hash(words.get(i), 0, words.get(i).length(), WORD_FAMILY);
      }
      for (int size = config.minWordNgram(); size <= config.maxWordNgram(); size++) {
        for (int start = 0; start + size <= wordHashes.length; start++) {
          long h = WORD_FAMILY * 31 + size;
          for (int k = start; k < start + size; k++) {
            h = fmix64(h * FNV_PRIME ^ wordHashes[k]);
          }
          slots = grow(slots, n);
          slots[n++] = (int) (h & mask);
        }
      }
    }
    if (config.minCharNgram() > 0) {
      String chars = padded(text.toLowerCase(Locale.ROOT).trim());
      for (int size = config.minCharNgram(); size <= config.maxCharNgram(); size++) {
        long seed = CHAR_FAMILY * 31 + size;
        for (int start = 0; start + size <= chars.length(); start++) {
          slots = grow(slots, n);
          slots[n++] = (int) (hash(chars, start, start + size, seed) & mask);
        }
      }
    }
    return weigh(slots, n);
  }

  /** Sorts the slots, counts duplicates, and turns counts into unit-norm sublinear weights. */
  private static SparseFeatures weigh(int[] slots, int n) {
    Arrays.sort(slots, 0, n);
    int[] indices = new int[n];
    float[] values = new float[n];
    int distinct = 0;
    int k = 0;
    double norm = 0;
    while (k < n) {
      int slot = slots[k];
      int count = 0;
      while (k < n && slots[k] == slot) {
        count++;
        k++;
      }
      double value = count == 1 ? 1 : 1 + Math.log(count);
      indices[distinct] = slot;
      values[distinct] = (float) value;
      norm += value * value;
      distinct++;
    }
    float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < distinct; i++) {
      values[i] *= scale;
    }
    return new SparseFeatures(Arrays.copyOf(indices, distinct), Arrays.copyOf(values, distinct));
  }

  /**
   * {@code " " + s.replaceAll("\\s+", " ") + " "} without a regular expression: every run of ASCII
   * white space (what {@code \\s} matches) becomes one space.
   */
  static String padded(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append(' ');
    boolean inSpace = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean space = c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
      if (space) {
        if (!inSpace) {
          out.append(' ');
        }
      } else {
        out.append(c);
      }
      inSpace = space;
    }
    return out.append(' ').toString();
  }

  private static int[] grow(int[] slots, int n) {
    return n < slots.length ? slots : Arrays.copyOf(slots, slots.length * 2);
  }

  private static long hash(String s, int start, int end, long seed) {
    long h = FNV_OFFSET ^ seed;
    for (int i = start; i < end; i++) {
      h ^= s.charAt(i);
      h *= FNV_PRIME;
    }
    return fmix64(h);
  }

  /** MurmurHash3's 64-bit finaliser: spreads every input bit over the low bits the slot uses. */
  private static long fmix64(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb93e7f4a7c15L;
    h ^= h >>> 33;
    return h;
  }
}
