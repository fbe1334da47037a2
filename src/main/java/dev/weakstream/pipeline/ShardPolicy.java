package dev.weakstream.pipeline;

import java.time.Duration;

/**
 * Which labeled records become training examples and how they are grouped into shards (YAML section
 * {@code shards:}). Absent section = no shards.
 *
 * @param minConfidence admit only records whose label confidence is at least this
 * @param dropUncovered leave out records no labeling function covered
 * @param perClassCap at most this many records of each (argmax) class per shard; 0 = no cap
 * @param sealRecords seal a shard once it holds this many records
 * @param sealAge seal a non-empty shard once its first record is this old
 * @param retainShards keep at most this many sealed shards (0 = no limit)
 * @param retainAge delete sealed shards older than this (null = keep)
 */
public record ShardPolicy(
    double minConfidence,
    boolean dropUncovered,
    int perClassCap,
    int sealRecords,
    Duration sealAge,
    int retainShards,
    Duration retainAge) {

  public static ShardPolicy defaults() {
    return new ShardPolicy(0.0, false, 0, 10_000, Duration.ofMinutes(5), 100, null);
  }
}
