package dev.weakstream.core.lf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into word tokens: maximal runs of Unicode letters, digits and marks, where an
 * apostrophe between two such characters stays inside the word ({@code don't} is one token).
 * Everything else (white space, punctuation, emoji, URLs' slashes) separates tokens.
 *
 * <p>Used by the {@code length} (unit {@code tokens}) and {@code lexicon} kinds so both count words
 * the same way. Stateless and thread-safe.
 */
public final class WordTokenizer {

  private WordTokenizer() {}

  /** The tokens of {@code text}, lower-cased with {@link Locale#ROOT}. */
  public static List<String> lowerCaseTokens(String text) {
    List<String> tokens = new ArrayList<>();
    forEachToken(
        text, (start, end) -> tokens.add(text.substring(start, end).toLowerCase(Locale.ROOT)));
    return tokens;
  }

  /** The tokens of {@code text}, unchanged in case (for text that is already lower-cased). */
  public static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    forEachToken(text, (start, end) -> tokens.add(text.substring(start, end)));
    return tokens;
  }

  /** The number of tokens in {@code text}, without allocating them. */
  public static int count(String text) {
    int[] count = {0};
    forEachToken(text, (start, end) -> count[0]++);
    return count[0];
  }

  /**
   * A text lower-cased with {@link Locale#ROOT}, each run of white space replaced by one space, and
   * the number of its tokens.
   *
   * @param sameWhiteSpace true when no white space was replaced (every run was one plain space), so
   *     {@code text} is also the whole text lower-cased
   */
  public record LowerCased(String text, int tokens, boolean sameWhiteSpace) {}

  /**
   * {@code text} lower-cased and white-space-collapsed, with its token count, in one pass over it —
   * or null when the text has a non-ASCII character that lower-casing changes, that is white space
   * or that is half of a surrogate pair (then lower-casing is not per character, or code points
   * need decoding). Most texts qualify: 80% of the YouTube corpus is non-ASCII only in the U+FEFF
   * it ends with. Separate passes for the lower-casing, the collapsing and the count took about a
   * fifth of the YouTube labeling functions' time.
   */
  public static LowerCased lowerCaseCollapsed(String text) {
    int n = text.length();
    char[] out = new char[n];
    int j = 0;
    int tokens = 0;
    boolean inToken = false;
    boolean sameWhiteSpace = true;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      boolean word;
      if (c < 128) {
        if (isAsciiWhiteSpace(c)) {
          out[j++] = ' ';
          boolean run = i + 1 < n && isAsciiWhiteSpace(text.charAt(i + 1));
          sameWhiteSpace &= c == ' ' && !run;
          while (i + 1 < n && isAsciiWhiteSpace(text.charAt(i + 1))) {
            i++;
          }
          inToken = false;
          continue;
        }
        char lower = (char) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        out[j++] = lower;
        word =
            (lower >= 'a' && lower <= 'z')
                || (c >= '0' && c <= '9')
                || (inToken && c == '\'' && i + 1 < n && isWordCodePoint(text.codePointAt(i + 1)));
      } else {
        if (Character.isSurrogate(c)
            || Character.toLowerCase(c) != c
            || Character.isWhitespace(c)) {
          return null;
        }
        out[j++] = c;
        word =
            isWordCodePoint(c)
                || (inToken
                    && isApostrophe(c)
                    && i + 1 < n
                    && isWordCodePoint(text.codePointAt(i + 1)));
      }
      if (word && !inToken) {
        tokens++;
      }
      inToken = word;
    }
    return new LowerCased(new String(out, 0, j), tokens, sameWhiteSpace);
  }

  /** {@link Character#isWhitespace(char)} for {@code c < 128}. */
  private static boolean isAsciiWhiteSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\u001C' && c <= '\u001F');
  }

  /**
   * {@link #isWordCodePoint} of every code point, one bit each (136 KiB, filled in ~20 ms at class
   * load): Character.getType, up to three table lookups behind a dispatch on the code point's
   * plane, was a seventh of a labeling thread's CPU on the YouTube corpus, whose emoji and
   * non-Latin texts make many code points non-ASCII.
   */
  private static final long[] WORD = new long[(Character.MAX_CODE_POINT + 1) / Long.SIZE];

  static {
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      if (isLetterDigitOrMark(cp)) {
        WORD[cp >>> 6] |= 1L << cp;
      }
    }
  }

  /** True for the characters tokens are made of. */
  static boolean isWordCodePoint(int cp) {
    if (cp < 128) {
      return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    }
    return cp <= Character.MAX_CODE_POINT && (WORD[cp >>> 6] & (1L << cp)) != 0;
  }

  private static boolean isLetterDigitOrMark(int cp) {
    return Character.isLetterOrDigit(cp)
        || Character.getType(cp) == Character.NON_SPACING_MARK
        || Character.getType(cp) == Character.COMBINING_SPACING_MARK;
  }

  /**
   * True when a token of {@link #forEachToken} starts at {@code begin}, given that the text there
   * starts with a word character: the code point before it is neither a word character nor an
   * apostrophe that continues a word (one preceded by a word character).
   */
  static boolean startsToken(String text, int begin) {
    if (begin == 0) {
      return true;
    }
    int before = text.codePointBefore(begin);
    if (isWordCodePoint(before)) {
      return false;
    }
    int apostropheStart = begin - Character.charCount(before);
    return !(isApostrophe(before)
        && apostropheStart > 0
        && isWordCodePoint(text.codePointBefore(apostropheStart)));
  }

  /**
   * True when a token of {@link #forEachToken} ends at {@code end}, given that the text before it
   * ends with a word character: the code point at {@code end} is neither a word character nor an
   * apostrophe followed by one.
   */
  static boolean endsToken(String text, int end) {
    if (end == text.length()) {
      return true;
    }
    int at = text.codePointAt(end);
    if (isWordCodePoint(at)) {
      return false;
    }
    int next = end + Character.charCount(at);
    return !(isApostrophe(at) && next < text.length() && isWordCodePoint(text.codePointAt(next)));
  }

  private interface TokenSink {
    void accept(int start, int end);
  }

  private static void forEachToken(String text, TokenSink sink) {
    int start = -1;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int next;
      boolean inWord;
      if (c < 128) { // the common case, without code-point decoding
        next = i + 1;
        inWord =
            (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || (c >= 'A' && c <= 'Z')
                || (start >= 0
                    && c == '\''
                    && next < text.length()
                    && isWordCodePoint(text.codePointAt(next)));
      } else {
        int cp = text.codePointAt(i);
        next = i + Character.charCount(cp);
        inWord =
            isWordCodePoint(cp)
                || (start >= 0
                    && isApostrophe(cp)
                    && next < text.length()
                    && isWordCodePoint(text.codePointAt(next)));
      }
      if (inWord && start < 0) {
        start = i;
      } else if (!inWord && start >= 0) {
        sink.accept(start, i);
        start = -1;
      }
      i = next;
    }
    if (start >= 0) {
      sink.accept(start, text.length());
    }
  }

  private static boolean isApostrophe(int cp) {
    return cp == '\'' || cp == '\u2019';
  }
}
