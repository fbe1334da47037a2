package dev.weakstream.shards;

import dev.weakstream.avro.ShardKind;

/**
 * What {@link ShardAdmission} decided for one record: into a shard of some kind, or skipped and
 * why.
 */
public sealed interface Admission {

  /** Goes into the open shard of {@code kind}. */
  record Admit(ShardKind kind) implements Admission {}

  /** Stays out of every shard. */
  record Skip(SkipReason reason) implements Admission {}
}
