package dev.weakstream.codec;

/**
 * Checks on the characters of a record's text that decoding alone does not make: whether it has an
 * unpaired UTF-16 surrogate (a JSON {@code \\uD800} escape without its pair, which no UTF-8 encoder
 * can write), and whether anything in it is visible at all.
 *
 * <p>Invisible are: white space and space separators; control characters (Cc, e.g. NUL), format
 * characters (Cf: zero-width space, joiners, BOM, soft hyphen, bidi marks, tags); Unicode's other
 * default-ignorable code points (combining grapheme joiner, Hangul fillers, variation selectors);
 * combining marks without a base character (Mn, Me); and the blank braille pattern U+2800, which
 * spammers use as filler. A text of only these would be labeled from nothing (a text of NULs was
 * labeled HAM with confidence 1.0). Stateless and thread-safe.
 */
public final class TextCharacters {

  private TextCharacters() {}

  /** The char index of the first unpaired surrogate in {@code text}, or -1. */
  public static int unpairedSurrogate(String text) {
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }

  /** True when some character of {@code text} is visible; most texts answer at their first. */
  public static boolean hasVisible(String text) {
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (!invisible(cp)) {
        return true;
      }
      i += Character.charCount(cp);
    }
    return false;
  }

  static boolean invisible(int cp) {
    if (cp < 0x80) {
      return cp <= 0x20 || cp == 0x7F;
    }
    if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
      return true;
    }
    switch (Character.getType(cp)) {
      case Character.CONTROL,
      Character.FORMAT,
      Character.NON_SPACING_MARK,
      Character.ENCLOSING_MARK,
      Character.SURROGATE:
        return true;
      default:
        break;
    }
    return cp == 0x115F // Hangul choseong filler
        || cp == 0x1160 // Hangul jungseong filler
        || cp == 0x3164 // Hangul filler
        || cp == 0xFFA0 // halfwidth Hangul filler
        || cp == 0x2800 // braille pattern blank
        || (cp >= 0xFFF0 && cp <= 0xFFF8); // reserved default-ignorable
  }
}
