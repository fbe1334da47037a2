package dev.weakstream.shards;

import dev.weakstream.avro.ShardManifest;
import dev.weakstream.avro.TrainingExample;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the training examples of a list of sealed shards, e.g. the manifests a trainer collected
 * from the shards topic or from {@link ShardStore#manifests}. Stateless.
 */
public final class ShardReader {

  /** What was read: the examples, and the ids of listed shards retention had deleted meanwhile. */
  public record Examples(List<TrainingExample> examples, List<String> missingShards) {}

  private ShardReader() {}

  /**
   * All records of {@code manifests}, in list order, each shard's checksum verified first.
   *
   * @throws IOException if a shard's bytes do not match its manifest's SHA-256, or cannot be read
   */
  public static Examples readAll(ShardStore store, List<ShardManifest> manifests)
      throws IOException {
    List<TrainingExample> examples = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (ShardManifest m : manifests) {
      try {
        forEach(store, m, examples::add);
      } catch (NoSuchFileException e) {
        missing.add(m.getShardId());
      }
    }
    return new Examples(examples, missing);
  }

  /**
   * Streams one shard's records after verifying its checksum.
   *
   * @throws NoSuchFileException if the store no longer has the shard
   * @throws IOException if its bytes do not match the manifest's SHA-256
   */
  public static void forEach(
      ShardStore store, ShardManifest manifest, Consumer<TrainingExample> records)
      throws IOException {
    if (!store.verify(manifest)) {
      throw new IOException(
          "shard "
              + manifest.getShardId()
              + " at "
              + manifest.getLocation()
              + " does not match its manifest's SHA-256; it was changed after sealing");
    }
    store.read(manifest, records);
  }
}
