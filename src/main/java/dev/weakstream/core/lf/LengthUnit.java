package dev.weakstream.core.lf;

/** What a {@link LengthFunction} counts. */
public enum LengthUnit {
  /** Word tokens, as {@link WordTokenizer} splits them. */
  TOKENS,
  /** Unicode code points of the text with leading and trailing white space removed. */
  CHARS
}
