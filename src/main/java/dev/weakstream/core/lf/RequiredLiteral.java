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
    List<String> runs = runs(pattern, 0, null);
    return runs == null ? Optional.empty() : longest(runs);
  }

  /**
   * Literals one of which every match must contain, if they can be proven: the longest literal of
   * the top-level sequence ({@link #of}), or else the alternatives of a required group, e.g. {@code
   * official} ... {@code promo} for {@code .*\b(official|tv|records|promo)\b.*} (of several groups,
   * the one whose shortest literal is longest). A top-level alternation, and an alternation inside
   * a required group, yields the union of its branches' literals, provided every branch has one.
   */
  public static Optional<List<String>> anyOf(String pattern) {
    return Optional.ofNullable(alternatives(pattern));
  }

  /**
   * The union of the branches' literals, or null when a branch has none (or the pattern is
   * unbalanced).
   */
  private static List<String> alternatives(String pattern) {
    List<String> branches = topLevelBranches(pattern);
    if (branches == null) {
      return null;
    }
    List<String> union = new ArrayList<>();
    for (String branch : branches) {
      List<String> literals = sequenceLiterals(branch);
      if (literals == null) {
        return null;
      }
      union.addAll(literals);
    }
    return union;
  }

  /** The best literal set of a pattern without top-level alternation, or null. */
  private static List<String> sequenceLiterals(String branch) {
    List<String> groupBodies = new ArrayList<>();
    List<String> runs = runs(branch, 0, groupBodies);
    if (runs == null) {
      return null;
    }
    Optional<String> literal = longest(runs);
    if (literal.isPresent()) {
      return List.of(literal.get());
    }
    List<String> best = null;
    for (String body : groupBodies) {
      List<String> literals = alternatives(body);
      if (literals != null && (best == null || shortest(literals) > shortest(best))) {
        best = literals;
      }
    }
    return best;
  }

  private static Optional<String> longest(List<String> runs) {
    return runs.stream()
        .filter(run -> !run.isEmpty())
        .reduce((a, b) -> b.length() > a.length() ? b : a);
  }

  private static int shortest(List<String> literals) {
    return literals.stream().mapToInt(String::length).min().orElse(0);
  }

  /** The pattern split at its top-level {@code |}, or null if a group or class is unbalanced. */
  private static List<String> topLevelBranches(String pattern) {
    List<String> branches = new ArrayList<>();
    int from = 0;
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == '(' || c == '[') {
        i = c == '(' ? skipGroup(pattern, i) : skipClass(pattern, i);
        if (i < 0) {
          return null;
        }
      } else {
        if (c == '|') {
          branches.add(pattern.substring(from, i));
          from = i + 1;
        }
        i++;
      }
    }
    branches.add(pattern.substring(Math.min(from, pattern.length())));
    return branches;
  }

  /**
   * A literal every match starts with, if one can be proven: the pattern opens with literal
   * characters, optionally after a word boundary {@code \b} (which the regex engine still checks
   * where the search starts), and has no other position assertion a match could depend on ({@code
   * ^}, {@code \A}, {@code \B}) anywhere. A match can then only start where the literal occurs, so
   * a search can try those places alone.
   */
  public static Optional<String> prefixOf(String pattern) {
    if (pattern.contains("^") || pattern.contains("\\A") || pattern.contains("\\B")) {
      return Optional.empty();
    }
    List<String> runs = runs(pattern, pattern.startsWith("\\b") ? 2 : 0, null);
    if (runs == null || runs.isEmpty() || runs.get(0).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(runs.get(0));
  }

  /**
   * The literal runs of the pattern's top-level sequence from {@code start}, in order (the first
   * one empty when the sequence does not open with a literal), or null when no literal is provably
   * required. The bodies of groups that must match at least once go to {@code groupBodies}, unless
   * it is null.
   */
  private static List<String> runs(String pattern, int start, List<String> groupBodies) {
    List<String> runs = new ArrayList<>();
    StringBuilder run = new StringBuilder();
    int i = start;
    int n = pattern.length();
    while (i < n) {
      char c = pattern.charAt(i);
      int itemEnd;
      Character literal = null;
      String groupBody = null;
      switch (c) {
        case '|':
          return null;
        case '(':
          if (i + 1 < n
              && pattern.charAt(i + 1) == '?'
              && !pattern.startsWith("(?:", i)
              && !pattern.startsWith("(?P<", i)
              && !pattern.startsWith("(?<", i)) {
            return null; // inline flags, e.g. (?i), change how literals match
          }
          itemEnd = skipGroup(pattern, i);
          if (itemEnd > 0) {
            groupBody = pattern.substring(groupBodyStart(pattern, i), itemEnd - 1);
          }
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
            itemEnd =
                (e == 'p' || e == 'P') && i + 2 < n && pattern.charAt(i + 2) == '{'
                    ? pattern.indexOf('}', i) + 1
                    : i + 2;
            if (itemEnd <= 0) {
              return null;
            }
          } else {
            literal = e;
            itemEnd = i + 2;
          }
          break;
        case '.':
        case '^':
        case '$':
        case ')':
        case '*':
        case '+':
        case '?':
        case '{':
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
      if (groupBody != null && q.minOne && groupBodies != null) {
        groupBodies.add(groupBody);
      }
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

  /**
   * Where the body of the group opening at {@code open} starts: after {@code (}, {@code (?:} or a
   * name.
   */
  private static int groupBodyStart(String p, int open) {
    if (p.startsWith("(?:", open)) {
      return open + 3;
    }
    if (p.startsWith("(?P<", open) || p.startsWith("(?<", open)) {
      int close = p.indexOf('>', open);
      return close < 0 ? open + 1 : close + 1;
    }
    return open + 1;
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
