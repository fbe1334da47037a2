package dev.weakstream.shards;

import dev.weakstream.avro.ShardKind;
import dev.weakstream.avro.ShardManifest;
import dev.weakstream.avro.TrainingExample;
import dev.weakstream.codec.AvroTrust;
import dev.weakstream.pipeline.ShardPolicy;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link ShardStore}: a directory, by default {@code <work-dir>/shards/<pipeline>/},
 * holding {@code training/} and {@code evaluation/} shards as {@code <shard-id>.avro} with their
 * manifests next to them as {@code <shard-id>.manifest.avro} (an Avro container file with one
 * {@code ShardManifest}), and a {@code staging/} directory for open shards.
 *
 * <p>Sealing renames the data file into place, then writes the manifest under a temporary name and
 * renames it too (both atomic on one file system), so a shard is listed only when complete.
 * Retention deletes the manifest first, then the file. {@link #recover()} removes what a crash left
 * behind (open files, files without a manifest); only the single writer of the store (the
 * collector) calls it.
 *
 * <p>Thread-safe: seals and retention are serialized; reads see immutable files.
 */
public final class LocalShardStore implements ShardStore {

  private static final Logger LOG = LoggerFactory.getLogger(LocalShardStore.class);
  private static final String DATA_SUFFIX = ".avro";
  private static final String MANIFEST_SUFFIX = ".manifest.avro";

  private final Path root;
  private final ShardPolicy policy;

  /**
   * @param root the pipeline's shard directory (created if absent)
   * @param policy retention settings ({@code retain_shards}, {@code retain_age})
   */
  public LocalShardStore(Path root, ShardPolicy policy) throws IOException {
    AvroTrust.install();
    this.root = root.toAbsolutePath();
    this.policy = Objects.requireNonNull(policy, "policy");
    for (ShardKind kind : ShardKind.values()) {
      Files.createDirectories(directory(kind));
    }
    Files.createDirectories(stagingDirectory());
  }

  /** The store of {@code pipeline} under a work directory: {@code <workDir>/shards/<pipeline>/}. */
  public static LocalShardStore under(Path workDir, String pipeline, ShardPolicy policy)
      throws IOException {
    return new LocalShardStore(workDir.resolve("shards").resolve(pipeline), policy);
  }

  public Path root() {
    return root;
  }

  /** The directory of sealed shards of {@code kind}. */
  public Path directory(ShardKind kind) {
    return root.resolve(kind.name().toLowerCase(Locale.ROOT));
  }

  @Override
  public Path stagingDirectory() {
    return root.resolve("staging");
  }

  @Override
  public synchronized int recover() throws IOException {
    int deleted = 0;
    try (DirectoryStream<Path> open = Files.newDirectoryStream(stagingDirectory())) {
      for (Path file : open) {
        Files.deleteIfExists(file);
        deleted++;
      }
    }
    for (ShardKind kind : ShardKind.values()) {
      try (DirectoryStream<Path> files =
          Files.newDirectoryStream(directory(kind), "*" + DATA_SUFFIX)) {
        for (Path file : files) {
          String name = file.getFileName().toString();
          if (name.endsWith(MANIFEST_SUFFIX)) {
            continue;
          }
          String id = name.substring(0, name.length() - DATA_SUFFIX.length());
          if (!Files.exists(file.resolveSibling(id + MANIFEST_SUFFIX))) {
            Files.deleteIfExists(file);
            deleted++;
          }
        }
      }
    }
    if (deleted > 0) {
      LOG.info("Removed {} unsealed shard file(s) under {}", deleted, root);
    }
    return deleted;
  }

  @Override
  public synchronized ShardManifest seal(SealedShard shard) throws IOException {
    ShardManifest manifest = ShardManifest.newBuilder(shard.manifest()).build();
    Path dir = directory(manifest.getKind());
    Path data = dir.resolve(manifest.getShardId() + DATA_SUFFIX);
    move(shard.file(), data);
    manifest.setLocation(data.toUri().toString());
    Path pending = stagingDirectory().resolve(manifest.getShardId() + MANIFEST_SUFFIX + ".tmp");
    try (DataFileWriter<ShardManifest> out =
        new DataFileWriter<>(new SpecificDatumWriter<>(ShardManifest.class))) {
      out.create(ShardManifest.getClassSchema(), pending.toFile());
      out.append(manifest);
    }
    move(pending, dir.resolve(manifest.getShardId() + MANIFEST_SUFFIX));
    return manifest;
  }

  @Override
  public List<ShardManifest> manifests(ShardKind kind) throws IOException {
    List<ShardManifest> manifests = new ArrayList<>();
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(directory(kind), "*" + MANIFEST_SUFFIX)) {
      for (Path file : files) {
        try {
          manifests.add(readManifest(file));
        } catch (NoSuchFileException deletedMeanwhile) {
          // retention removed it after the listing; it is no longer in the store
        }
      }
    }
    manifests.sort(
        Comparator.comparing(ShardManifest::getCreatedAt).thenComparing(ShardManifest::getShardId));
    return manifests;
  }

  @Override
  public Optional<ShardManifest> manifest(ShardKind kind, String shardId) throws IOException {
    Path file = directory(kind).resolve(shardId + MANIFEST_SUFFIX);
    try {
      return Optional.of(readManifest(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public void read(ShardManifest manifest, Consumer<TrainingExample> records) throws IOException {
    try (DataFileReader<TrainingExample> in =
        new DataFileReader<>(
            fileOf(manifest).toFile(), new SpecificDatumReader<>(TrainingExample.class))) {
      while (in.hasNext()) {
        records.accept(in.next());
      }
    } catch (FileNotFoundException e) {
      throw new NoSuchFileException(
          fileOf(manifest).toString(),
          null,
          "shard " + manifest.getShardId() + " is no longer in the store");
    }
  }

  @Override
  public boolean verify(ShardManifest manifest) throws IOException {
    return ShardWriter.sha256(fileOf(manifest)).equals(manifest.getSha256());
  }

  @Override
  public synchronized List<ShardManifest> applyRetention(Instant now) throws IOException {
    List<ShardManifest> training = manifests(ShardKind.TRAINING);
    List<ShardManifest> doomed = new ArrayList<>();
    int excess =
        policy.retainShards() > 0 ? Math.max(0, training.size() - policy.retainShards()) : 0;
    Instant cutoff = policy.retainAge() == null ? null : now.minus(policy.retainAge());
    for (int i = 0; i < training.size(); i++) {
      ShardManifest m = training.get(i);
      if (i < excess || (cutoff != null && m.getCreatedAt().isBefore(cutoff))) {
        doomed.add(m);
      }
    }
    for (ShardManifest m : doomed) {
      Path dir = directory(ShardKind.TRAINING);
      Files.deleteIfExists(dir.resolve(m.getShardId() + MANIFEST_SUFFIX));
      Files.deleteIfExists(dir.resolve(m.getShardId() + DATA_SUFFIX));
    }
    if (!doomed.isEmpty()) {
      LOG.info("Retention deleted {} training shard(s) under {}", doomed.size(), root);
    }
    return doomed;
  }

  private Path fileOf(ShardManifest manifest) {
    URI location = URI.create(manifest.getLocation());
    if (!"file".equals(location.getScheme())) {
      throw new IllegalArgumentException(
          "shard "
              + manifest.getShardId()
              + " is at "
              + location
              + ", not in a local store (file: URI expected)");
    }
    return Path.of(location);
  }

  private static ShardManifest readManifest(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString());
    }
    try (DataFileReader<ShardManifest> in =
        new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(ShardManifest.class))) {
      if (!in.hasNext()) {
        throw new IOException("manifest " + file + " is empty");
      }
      return in.next();
    } catch (FileNotFoundException e) {
      throw new NoSuchFileException(file.toString());
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException(
          "cannot rename "
              + from
              + " to "
              + to
              + " atomically; the staging directory must be "
              + "on the store's file system",
          e);
    }
  }
}
