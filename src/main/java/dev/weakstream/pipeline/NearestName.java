package dev.weakstream.pipeline;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the valid name closest to a misspelt one (Levenshtein distance), for "did you mean" hints.
 * Stateless and thread-safe.
 */
final class NearestName {

  private NearestName() {}

  /** The candidate within edit distance max(2, length/3) of {@code typo}, if any; ignores case. */
  static Optional<String> of(String typo, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(typo.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    int limit = Math.max(2, typo.length() / 3);
    return bestDistance <= limit ? Optional.ofNullable(best) : Optional.empty();
  }

  /** " — did you mean 'x'?" or an empty string. */
  static String hint(String typo, Collection<String> candidates) {
    return of(typo, candidates).map(n -> " — did you mean '" + n + "'?").orElse("");
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
