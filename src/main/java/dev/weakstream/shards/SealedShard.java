package dev.weakstream.shards;

import dev.weakstream.avro.ShardManifest;
import java.nio.file.Path;

/**
 * A closed shard file in the staging directory with its manifest, ready for {@link
 * ShardStore#seal}. The manifest's location still points at the staging file; the store sets the
 * final one.
 */
public record SealedShard(Path file, ShardManifest manifest) {}
