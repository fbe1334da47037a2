package dev.weakstream.shards;

import java.util.Locale;

/** Why a labeled record did not go into a shard. */
public enum SkipReason {
  /** Its label confidence is below {@code shards.min_confidence}. */
  LOW_CONFIDENCE,
  /** No labeling function covered it and {@code shards.drop_uncovered} is on. */
  UNCOVERED,
  /** The open shard already holds {@code shards.per_class_cap} records of its class. */
  CLASS_CAP,
  /** It is already in a sealed shard (re-read after a restart). */
  ALREADY_SEALED,
  /** Its bytes are not a LabeledRecord. */
  UNDECODABLE;

  /** Lower-case name, for metric tags. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
