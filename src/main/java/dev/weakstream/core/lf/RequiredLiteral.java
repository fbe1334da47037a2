package dev.weakstream.core.lf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds a literal string that every match of a regular expression must contain, so a labeling function
 * can skip the regex engine for texts that lack it — most texts, for typical LF patterns such as
 * {@code \bcheck\s+(out|this)\b} (literal {@code check}). Linear-time engines such as RE2/J have no such
 * shortcut when a pattern starts with an assertion or a class, and cost microseconds per text.
 *
 * <p>Conservative by construction: it reads only the top-level sequence of the pattern, ends a literal
 * run at anything that is not a plain or escaped-punctuation character, drops characters made optional
 * by {@code ? * {0}, and gives up (empty result) on top-level alternation, inline flags and
 * {@code \Q…\E}. An empty result only means the regex always runs. Written by hand because RE2/J keeps
 * its parser private; the scanner covers RE2 syntax only as far as needed to stay safe.
 */
public final class RequiredLiteral {

  private RequiredLiteral() {}

  /** The longest literal every match must contain, if one can be proven. */
  public static Optional<String> of(String pattern) {
    List<String> runs = runs(pattern, 0);
    return runs == null ? Optional.empty()
        : runs.stream().filter(run -> !run.isEmpty()).reduce((a, b) -> b.length() > a.length() ? b : a);
  }

  /**
   * A literal every match starts with, if one can be proven: the pattern opens with literal characters,
   * optionally after a word boundary {@code \b} (which the regex engine still checks where the search
   * starts), and has no other position assertion a match could depend on ({@code ^}, {@code \A},
   * {@code \B}) anywhere. A match can then only start where the literal occurs, so a search can try those
   * places alone.
   */
  public static Optional<String> prefixOf(String pattern) {
    if (pattern.contains("^") || pattern.contains("\\A") || pattern.contains("\\B")) {
      return Optional.empty();
    }
    List<String> runs = runs(pattern, pattern.startsWith("\\b") ? 2 : 0);
    if (runs == null || runs.isEmpty() || runs.get(0).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(runs.get(0));
  }

  /**
   * The literal runs of the pattern's top-level sequence from {@code start}, in order (the first one empty
   * when the sequence does not open with a literal), or null when no literal is provably required.
   */
  private static List<String> runs(String pattern, int start) {
    List<String> runs = new ArrayList<>();
    StringBuilder run = new StringBuilder();
    int i = start;
    int n = pattern.length();
    while (i < n) {
      char c = pattern.charAt(i);
      int itemEnd;
      Character literal = null;
      switch (c) {
        case '|':
          return null;
        case '(':
          if (i + 1 < n && pattern.charAt(i + 1) == '?' && !pattern.startsWith("(?:", i)
              && !pattern.startsWith("(?P<", i) && !pattern.startsWith("(?<", i)) {
            return null; // inline flags, e.g. (?i), change how literals match
          }
          itemEnd = skipGroup(pattern, i);
          break;
        case '[':
          itemEnd = skipClass(pattern, i);
          break;
        case '\\':
          if (i + 1 >= n) {
            return null;
          }
          char e = pattern.charAt(i + 1);
          if (e == 'Q') {
            return null;
          }
          if (Character.isLetterOrDigit(e)) {
            itemEnd = (e == 'p' || e == 'P') && i + 2 < n && pattern.charAt(i + 2) == '{'
                ? pattern.indexOf('}', i) + 1 : i + 2;
            if (itemEnd <= 0) {
              return null;
            }
          } else {
            literal = e;
            itemEnd = i + 2;
          }
          break;
        case '.': case '^': case '$': case ')': case '*': case '+': case '?': case '{':
          itemEnd = i + 1;
          break;
        default:
          literal = c;
          itemEnd = i + 1;
      }
      if (itemEnd < 0) {
        return null;
      }
      Quantifier q = quantifierAt(pattern, itemEnd);
      if (literal != null && !Character.isSurrogate(literal) && q.minOne) {
        run.append(literal.charValue());
      }
      if (literal == null || !q.minOne || q.length > 0) {
        runs.add(run.toString());
        run.setLength(0);
      }
      i = itemEnd + q.length;
    }
    runs.add(run.toString());
    return runs;
  }

  private record Quantifier(int length, boolean minOne) {}

  private static Quantifier quantifierAt(String p, int i) {
    if (i >= p.length()) {
      return new Quantifier(0, true);
    }
    char c = p.charAt(i);
    int len;
    boolean minOne;
    if (c == '*' || c == '?') {
      len = 1;
      minOne = false;
    } else if (c == '+') {
      len = 1;
      minOne = true;
    } else if (c == '{' && p.indexOf('}', i) > i) {
      int close = p.indexOf('}', i);
      String body = p.substring(i + 1, close);
      if (!body.matches("\\d*(,\\d*)?") || body.isEmpty()) {
        return new Quantifier(0, true); // a literal '{'
      }
      len = close - i + 1;
      String min = body.contains(",") ? body.substring(0, body.indexOf(',')) : body;
      minOne = !min.isEmpty() && Integer.parseInt(min) >= 1;
    } else {
      return new Quantifier(0, true);
    }
    if (i + len < p.length() && p.charAt(i + len) == '?') {
      len++; // lazy
    }
    return new Quantifier(len, minOne);
  }

  /** Index just past the group starting at {@code start}, or -1 if unbalanced. */
  private static int skipGroup(String p, int start) {
    int depth = 0;
    for (int i = start; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        i = skipClass(p, i) - 1;
        if (i < 0) {
          return -1;
        }
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i + 1;
      }
    }
    return -1;
  }

  /** Index just past the character class starting at {@code start}, or -1 if unterminated. */
  private static int skipClass(String p, int start) {
    int i = start + 1;
    if (i < p.length() && p.charAt(i) == '^') {
      i++;
    }
    if (i < p.length() && p.charAt(i) == ']') {
      i++;
    }
    for (; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[' && i + 1 < p.length() && p.charAt(i + 1) == ':') {
        int close = p.indexOf(":]", i + 2);
        if (close < 0) {
          return -1;
        }
        i = close + 1;
      } else if (c == ']') {
        return i + 1;
      }
    }
    return -1;
  }
}
