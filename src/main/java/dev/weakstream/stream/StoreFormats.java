package dev.weakstream.stream;

/**
 * The rule the hand-made values of this package's state stores follow so that they can evolve: a
 * value starts with its format's magic byte(s) and then one format-version byte, and a reader reads
 * every version up to its own, including version 0 — the layout the first release wrote without a
 * prefix, told apart because no value of that layout can start with the magic (each format argues
 * why). A version newer than the reader knows stops the task with {@link #unknownVersion}, naming
 * the store, rather than misreading state.
 *
 * <p>Formats: {@link VoteRowBytes} (magic {@code 'v'}), {@link PendingTeacherRecord} (magic {@code
 * 'p'}), the statistics log's chunks and base in {@link UpdateLabelModelStatistics} (magics {@code
 * "WSCH"} and {@code 'B'}).
 */
final class StoreFormats {

  private StoreFormats() {}

  /** The error for a value whose format version this release does not know. */
  static IllegalStateException unknownVersion(
      String store, String format, int version, int newest) {
    return new IllegalStateException(
        "state store '"
            + store
            + "' holds a "
            + format
            + " of format version "
            + version
            + ", but this release reads versions 0 to "
            + newest
            + "; it was written by a newer release: run that release, or reset the application's"
            + " state");
  }
}
