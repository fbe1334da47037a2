package dev.weakstream.core.lf;

/** Whether a {@link KeywordsFunction} needs any one of its keywords to occur, or all of them. */
public enum MatchMode {
  /** At least one keyword occurs. */
  ANY,
  /** Every keyword occurs (in any order). */
  ALL
}
