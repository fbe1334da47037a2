package dev.weakstream.core;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Deterministic tie-breaking, as WRENCH does it: among the tied classes (in ascending order),
 * choose {@code tied[int(sha1(key).hexdigest(), 16) % len(tied)]}.
 *
 * <p>With {@code key = str(row_index)} this reproduces WRENCH's published majority-vote numbers; in
 * the stream the key is the record id, so a record gets the same label wherever and whenever it is
 * labeled.
 */
public final class TieBreak {

  private TieBreak() {}

  /** Chooses one of {@code tied} (class ids in ascending order, at least one). */
  public static int choose(int[] tied, int count, String key) {
    if (count == 1) {
      return tied[0];
    }
    BigInteger hash = new BigInteger(1, sha1(key));
    return tied[hash.mod(BigInteger.valueOf(count)).intValue()];
  }

  /**
   * The label for a probability vector: the most probable class, ties (within 1e-12) broken by
   * {@link #choose}.
   */
  public static int argmax(double[] probabilities, String key) {
    double best = Double.NEGATIVE_INFINITY;
    for (double p : probabilities) {
      best = Math.max(best, p);
    }
    int[] tied = new int[probabilities.length];
    int count = 0;
    for (int k = 0; k < probabilities.length; k++) {
      if (probabilities[k] >= best - 1e-12) {
        tied[count++] = k;
      }
    }
    return choose(tied, count, key);
  }

  private static byte[] sha1(String key) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }
}
