package dev.weakstream.core.lf;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How large a regular expression becomes once RE2/J compiles it, estimated from its syntax before
 * it is compiled, so that a pattern too large to compile or to run is refused with a message.
 *
 * <p>RE2/J unrolls counted repetitions: {@code x{n,m}} becomes m copies of x. Nested counts
 * multiply, so {@code ((a{1000}){1000}){1000}} (24 characters) asks for 10^9 instructions: RE2/J
 * compiles it for minutes and runs out of heap, and {@code ((a{100}){100}){100}} compiles but
 * takes seconds per text, its matching time being the text length times the program size. RE2/J
 * has no size limit of its own (RE2 in C++ has two: the product of nested counts at most 1000, and
 * a program memory budget) and keeps its parser private, so this reads the pattern itself:
 *
 * <ul>
 *   <li>the <b>repetition product</b>: the largest product of the counts of nested counted
 *       repetitions ({@code {n}}, {@code {n,}}, {@code {n,m}}), limited to {@link
 *       #MAX_REPETITION_PRODUCT} as in RE2;
 *   <li>the <b>program size</b>: about one instruction per literal, class, assertion and {@code
 *       .}, one more per {@code *}, {@code +}, {@code ?} and alternative, two per capturing group,
 *       and counted repetitions unrolled — an upper estimate of RE2/J's instruction count, limited
 *       to {@link #MAX_PROGRAM_SIZE};
 *   <li>the nesting depth of groups, limited to {@link #MAX_DEPTH} (RE2/J's compiler recurses).
 * </ul>
 *
 * <p>Hand-written and single-pass with an explicit stack (no recursion, linear in the pattern);
 * covers the RE2 syntax that affects size — escapes including {@code \Q…\E}, {@code \p{…}} and
 * {@code \x{…}}, classes including {@code [[:alpha:]]} and a leading {@code ]}, groups {@code (?:},
 * {@code (?P<n>}, {@code (?<n>}, flag groups, {@code {} that is not a repetition (a literal in RE2).
 * It never throws on a malformed pattern: it estimates what it can and RE2/J reports the syntax
 * error. Stateless and thread-safe.
 */
public final class RegexSize {

  /** As RE2's limit on nested counted repetitions. */
  public static final long MAX_REPETITION_PRODUCT = 1000;

  /**
   * Instructions a pattern may compile to: RE2/J takes about 10 ns per instruction per text
   * character at worst, so this allows a few milliseconds per short text while refusing patterns
   * whose compilation alone costs seconds and whose matching minutes.
   */
  public static final long MAX_PROGRAM_SIZE = 20_000;

  /** Deepest group nesting allowed. */
  public static final int MAX_DEPTH = 100;

  /** Beyond this every size is the same: too large. */
  private static final long SATURATED = Long.MAX_VALUE / 4;

  /** What the estimate found. */
  public record Estimate(
      long programSize, long repetitionProduct, int depth, String largestRepeat) {

    /** Why the pattern is refused, or null when it is within every limit. */
    public String problem() {
      if (depth > MAX_DEPTH) {
        return "groups nest " + depth + " deep; at most " + MAX_DEPTH + " levels are allowed";
      }
      if (repetitionProduct > MAX_REPETITION_PRODUCT) {
        return "nested counted repetitions multiply to "
            + format(repetitionProduct)
            + " copies (at '"
            + largestRepeat
            + "'); at most "
            + MAX_REPETITION_PRODUCT
            + " are allowed";
      }
      if (programSize > MAX_PROGRAM_SIZE) {
        return "compiles to about "
            + format(programSize)
            + " instructions"
            + (largestRepeat == null
                ? ""
                : " (counted repetitions unrolled, e.g. '" + largestRepeat + "')")
            + "; at most "
            + MAX_PROGRAM_SIZE
            + " are allowed, as matching time grows with the text length times this size";
      }
      return null;
    }

    private static String format(long n) {
      return n >= SATURATED ? "more than 10^18" : String.format("%,d", n);
    }
  }

  /** Thrown for a pattern over a limit; an {@link IllegalArgumentException}. */
  public static final class TooLargeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    TooLargeException(String message) {
      super(message);
    }
  }

  private RegexSize() {}

  /**
   * @throws TooLargeException if the pattern is over a limit; the message says which and why
   */
  public static Estimate check(String pattern) {
    Estimate estimate = estimate(pattern);
    String problem = estimate.problem();
    if (problem != null) {
      throw new TooLargeException("regular expression too large: " + problem);
    }
    return estimate;
  }

  /** One open group while reading the pattern. */
  private static final class Group {
    final boolean capturing;
    final int start; // index of the '(' in the pattern
    long branches; // size of the alternatives before the current one
    int alternatives = 1;
    long current; // size of the current alternative so far
    long lastAtom; // size of the last atom of the current alternative, for a quantifier
    long lastAtomProduct = 1; // the largest repetition product inside the last atom
    int lastAtomStart; // where the last atom starts in the pattern

    /** The largest repetition product inside this group so far (relative to the group). */
    long innerProduct = 1;

    Group(boolean capturing, int start) {
      this.capturing = capturing;
      this.start = start;
    }

    void atom(long size, long product, int atomStart) {
      current = add(current, size);
      lastAtom = size;
      lastAtomProduct = product;
      lastAtomStart = atomStart;
      innerProduct = Math.max(innerProduct, product);
    }

    long size() {
      return add(add(add(branches, current), alternatives - 1L), capturing ? 2 : 0);
    }
  }

  /** The estimate for {@code pattern}. */
  public static Estimate estimate(String pattern) {
    Deque<Group> stack = new ArrayDeque<>();
    Group top = new Group(false, 0);
    int depth = 0;
    int maxDepth = 0;
    long maxProduct = 1;
    String largestRepeat = null;
    int n = pattern.length();
    int i = 0;
    while (i < n) {
      char c = pattern.charAt(i);
      switch (c) {
        case '\\' -> {
          if (i + 1 < n && pattern.charAt(i + 1) == 'Q') {
            int end = pattern.indexOf("\\E", i + 2);
            int stop = end < 0 ? n : end;
            for (int k = i + 2; k < stop; k++) {
              top.atom(1, 1, k);
            }
            i = end < 0 ? n : end + 2;
          } else {
            top.atom(1, 1, i);
            i = escapeEnd(pattern, i);
          }
        }
        case '[' -> {
          top.atom(1, 1, i);
          i = classEnd(pattern, i);
        }
        case '(' -> {
          if (pattern.startsWith("(?", i)
              && !pattern.startsWith("(?:", i)
              && !pattern.startsWith("(?P<", i)
              && !pattern.startsWith("(?<", i)) {
            int close = pattern.indexOf(')', i);
            int colon = pattern.indexOf(':', i);
            if (close >= 0 && (colon < 0 || close < colon)) {
              i = close + 1; // a flag group such as (?i): no instructions
              continue;
            }
            stack.push(top);
            top = new Group(false, i);
            i = colon < 0 ? n : colon + 1; // (?flags:...) without ':' is malformed: RE2/J says so
          } else {
            boolean capturing = !pattern.startsWith("(?:", i);
            stack.push(top);
            top = new Group(capturing, i);
            if (pattern.startsWith("(?:", i)) {
              i += 3;
            } else if (pattern.startsWith("(?P<", i) || pattern.startsWith("(?<", i)) {
              int close = pattern.indexOf('>', i);
              i = close < 0 ? n : close + 1;
            } else {
              i++;
            }
          }
          depth++;
          maxDepth = Math.max(maxDepth, depth);
        }
        case ')' -> {
          if (stack.isEmpty()) {
            i++; // unbalanced: RE2/J reports it
            continue;
          }
          Group inner = top;
          top = stack.pop();
          depth--;
          top.atom(inner.size(), inner.innerProduct, inner.start);
          i++;
        }
        case '|' -> {
          top.branches = add(top.branches, top.current);
          top.alternatives++;
          top.current = 0;
          top.lastAtom = 0;
          top.lastAtomProduct = 1;
          i++;
        }
        case '*', '+', '?' -> {
          top.current = add(top.current, 1);
          top.lastAtom = add(top.lastAtom, 1);
          i++;
          if (i < n && pattern.charAt(i) == '?') {
            i++; // non-greedy
          }
        }
        case '{' -> {
          int[] repeat = repeatAt(pattern, i);
          if (repeat == null) {
            top.atom(1, 1, i); // a literal '{'
            i++;
            continue;
          }
          int min = repeat[0];
          int max = repeat[1];
          long copies = max >= 0 ? Math.max(max, 1) : Math.max(min, 1);
          // {n,m}: m copies, m - n of them optional; {n,}: n copies and a star.
          long unrolled =
              add(
                  multiply(top.lastAtom, copies),
                  max >= 0 ? Math.max(0, max - min) : add(top.lastAtom, 1));
          long product = multiply(top.lastAtomProduct, copies);
          top.current = add(top.current - top.lastAtom, unrolled);
          top.lastAtom = unrolled;
          top.lastAtomProduct = product;
          top.innerProduct = Math.max(top.innerProduct, product);
          if (product > maxProduct || largestRepeat == null) {
            maxProduct = Math.max(maxProduct, product);
            largestRepeat = shorten(pattern.substring(top.lastAtomStart, repeat[2]));
          }
          i = repeat[2];
          if (i < n && pattern.charAt(i) == '?') {
            i++;
          }
        }
        default -> {
          top.atom(1, 1, i);
          i++;
        }
      }
    }
    while (!stack.isEmpty()) { // unclosed groups: RE2/J reports them; estimate them closed
      Group inner = top;
      top = stack.pop();
      top.atom(inner.size(), inner.innerProduct, inner.start);
    }
    return new Estimate(
        top.size(), Math.max(maxProduct, top.innerProduct), maxDepth, largestRepeat);
  }

  private static String shorten(String repeat) {
    return repeat.length() <= 60
        ? repeat
        : repeat.substring(0, 28) + "…" + repeat.substring(repeat.length() - 28);
  }

  /** The index after the escape at {@code i} (a backslash). */
  private static int escapeEnd(String p, int i) {
    int n = p.length();
    if (i + 1 >= n) {
      return n;
    }
    char e = p.charAt(i + 1);
    if ((e == 'p' || e == 'P' || e == 'x') && i + 2 < n && p.charAt(i + 2) == '{') {
      int close = p.indexOf('}', i + 2);
      return close < 0 ? n : close + 1;
    }
    if (e == 'p' || e == 'P') {
      return Math.min(n, i + 3);
    }
    if (e == 'x') {
      return Math.min(n, i + 4);
    }
    if (e >= '0' && e <= '7') {
      int k = i + 1;
      while (k < n && k < i + 4 && p.charAt(k) >= '0' && p.charAt(k) <= '7') {
        k++;
      }
      return k;
    }
    return i + 2;
  }

  /** The index after the character class opening at {@code i}. */
  private static int classEnd(String p, int i) {
    int n = p.length();
    int k = i + 1;
    if (k < n && p.charAt(k) == '^') {
      k++;
    }
    if (k < n && p.charAt(k) == ']') {
      k++; // a leading ']' is a literal
    }
    while (k < n) {
      char c = p.charAt(k);
      if (c == '\\') {
        k = escapeEnd(p, k);
      } else if (c == '[' && p.startsWith("[:", k)) {
        int close = p.indexOf(":]", k + 2);
        k = close < 0 ? k + 1 : close + 2;
      } else if (c == ']') {
        return k + 1;
      } else {
        k++;
      }
    }
    return n;
  }

  /**
   * The repetition {@code {min}}, {@code {min,}} or {@code {min,max}} at {@code i}, as {min, max
   * (-1 for none), index after it}, or null when the brace does not start one (RE2 then reads a
   * literal brace).
   */
  private static int[] repeatAt(String p, int i) {
    int n = p.length();
    int k = i + 1;
    int minStart = k;
    while (k < n && Character.isDigit(p.charAt(k))) {
      k++;
    }
    if (k == minStart || k >= n || k - minStart > 9) {
      return null;
    }
    int min = Integer.parseInt(p.substring(minStart, k));
    if (p.charAt(k) == '}') {
      return new int[] {min, min, k + 1};
    }
    if (p.charAt(k) != ',') {
      return null;
    }
    k++;
    int maxStart = k;
    while (k < n && Character.isDigit(p.charAt(k))) {
      k++;
    }
    if (k >= n || p.charAt(k) != '}' || k - maxStart > 9) {
      return null;
    }
    int max = k == maxStart ? -1 : Integer.parseInt(p.substring(maxStart, k));
    return new int[] {min, max, k + 1};
  }

  private static long add(long a, long b) {
    return Math.min(SATURATED, a + b);
  }

  private static long multiply(long a, long b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    return a > SATURATED / b ? SATURATED : Math.min(SATURATED, a * b);
  }
}
