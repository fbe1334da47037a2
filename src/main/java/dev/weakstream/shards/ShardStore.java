package dev.weakstream.shards;

import dev.weakstream.avro.ShardKind;
import dev.weakstream.avro.ShardManifest;
import dev.weakstream.avro.TrainingExample;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Where sealed shards live: their files and manifests, for one pipeline. A shard is in the store
 * once its manifest is; files without a manifest are leftovers of a crash and are not listed.
 *
 * <p>{@link LocalShardStore} (a directory under the work directory) is the default; another store
 * (an object store, HDFS) implements the same contract. Implementations are thread-safe: the
 * collector seals and applies retention while a trainer lists and reads.
 */
public interface ShardStore {

  /**
   * A local directory on the same file system as the store's files, where open shards are written.
   */
  Path stagingDirectory();

  /**
   * Moves a closed shard file into the store (atomically: readers see the whole file or none) and
   * records its manifest. Sealing the same shard id again replaces it.
   *
   * @return the manifest with its final {@code location}
   */
  ShardManifest seal(SealedShard shard) throws IOException;

  /**
   * Removes what a crash of the writer left behind: open shard files, and shard files whose
   * manifest was never written. Their records were neither announced nor committed, so they are
   * read again. Only the store's single writer calls this, before it starts writing.
   *
   * @return how many files were removed
   */
  int recover() throws IOException;

  /** Manifests of the sealed shards of {@code kind}, oldest first ({@code created_at}, then id). */
  List<ShardManifest> manifests(ShardKind kind) throws IOException;

  /** The manifest of a sealed shard, if the store still has it. */
  Optional<ShardManifest> manifest(ShardKind kind, String shardId) throws IOException;

  /**
   * Reads a sealed shard's records in order.
   *
   * @throws java.nio.file.NoSuchFileException if retention deleted the shard since it was listed
   */
  void read(ShardManifest manifest, Consumer<TrainingExample> records) throws IOException;

  /** Verifies that a sealed shard's bytes still match its manifest's SHA-256. */
  boolean verify(ShardManifest manifest) throws IOException;

  /**
   * Deletes the training shards the retention policy no longer keeps (beyond {@code retain_shards},
   * newest kept; older than {@code retain_age} at {@code now}). Evaluation shards are never
   * deleted: gold rows are scarce.
   *
   * @return the manifests of the deleted shards
   */
  List<ShardManifest> applyRetention(Instant now) throws IOException;

  /** Every record of the evaluation set (all sealed evaluation shards), oldest shard first. */
  default List<TrainingExample> evaluationSet() throws IOException {
    List<TrainingExample> all = new ArrayList<>();
    for (ShardManifest m : manifests(ShardKind.EVALUATION)) {
      read(m, all::add);
    }
    return all;
  }

  /**
   * The last labeled-topic offset of {@code partition} already in a sealed shard of {@code kind},
   * if any: records at or before it need not be written again. Computed from the shards still in
   * the store: once retention deleted every shard of a partition, its offsets before the committed
   * position are not known here (the collector commits right after each seal, so only a crash in
   * that instant is affected).
   */
  default OptionalLong sealedThrough(ShardKind kind, int partition) throws IOException {
    return manifests(kind).stream()
        .filter(m -> m.getPartition() == partition)
        .mapToLong(ShardManifest::getLastOffset)
        .max();
  }
}
