package dev.weakstream.shards;

import static dev.weakstream.shards.Examples.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weakstream.avro.ShardKind;
import dev.weakstream.avro.ShardManifest;
import dev.weakstream.avro.TrainingExample;
import dev.weakstream.pipeline.ShardPolicy;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalShardStoreTest {

  @TempDir Path workDir;

  private final Examples.SettableClock clock =
      new Examples.SettableClock(Instant.parse("2026-01-01T00:00:00Z"));

  private static ShardPolicy retention(int shards, Duration age) {
    return new ShardPolicy(0, false, 0, 2, null, shards, age);
  }

  /**
   * Seals one training shard of two records at offsets [first, first+1], one minute after the last.
   */
  private ShardManifest sealTraining(LocalShardStore store, ShardPolicy policy, long first)
      throws IOException {
    clock.advance(Duration.ofMinutes(1));
    try (ShardWriter w =
        new ShardWriter(
            "spam", ShardKind.TRAINING, 0, 2, policy, store.stagingDirectory(), clock)) {
      w.append(example("r" + first, 0), first);
      w.append(example("r" + (first + 1), 1), first + 1);
      return store.seal(w.seal());
    }
  }

  @Test
  void sealedShardsAreListedReadAndMatchTheirChecksum() throws Exception {
    ShardPolicy policy = retention(0, null);
    LocalShardStore store = LocalShardStore.under(workDir, "spam", policy);
    ShardManifest a = sealTraining(store, policy, 0);
    ShardManifest b = sealTraining(store, policy, 2);

    assertThat(store.root()).isEqualTo(workDir.resolve("shards/spam").toAbsolutePath());
    Path file = Path.of(URI.create(b.getLocation()));
    assertThat(file).exists().hasParent(store.directory(ShardKind.TRAINING));
    assertThat(ShardWriter.sha256(file)).isEqualTo(b.getSha256());
    assertThat(store.manifests(ShardKind.TRAINING)).containsExactly(a, b);
    assertThat(store.manifest(ShardKind.TRAINING, b.getShardId())).contains(b);
    assertThat(store.sealedThrough(ShardKind.TRAINING, 0)).hasValue(3);
    assertThat(store.sealedThrough(ShardKind.TRAINING, 1)).isEmpty();
    assertThat(store.sealedThrough(ShardKind.EVALUATION, 0)).isEmpty();
    assertThat(Files.list(store.stagingDirectory())).isEmpty();

    ShardReader.Examples read = ShardReader.readAll(store, List.of(a, b));
    assertThat(read.examples())
        .extracting(TrainingExample::getId)
        .containsExactly("r0", "r1", "r2", "r3");
    assertThat(read.missingShards()).isEmpty();
  }

  @Test
  void readerRefusesAShardChangedAfterSealing() throws Exception {
    ShardPolicy policy = retention(0, null);
    LocalShardStore store = LocalShardStore.under(workDir, "spam", policy);
    ShardManifest m = sealTraining(store, policy, 0);
    Files.write(Path.of(URI.create(m.getLocation())), new byte[] {1}, StandardOpenOption.APPEND);
    assertThat(store.verify(m)).isFalse();
    IOException e = assertThrows(IOException.class, () -> ShardReader.readAll(store, List.of(m)));
    assertThat(e.getMessage()).contains(m.getShardId()).contains("SHA-256");
  }

  @Test
  void retentionByCountKeepsTheNewestShards() throws Exception {
    ShardPolicy policy = retention(2, null);
    LocalShardStore store = LocalShardStore.under(workDir, "spam", policy);
    ShardManifest a = sealTraining(store, policy, 0);
    ShardManifest b = sealTraining(store, policy, 2);
    ShardManifest c = sealTraining(store, policy, 4);

    assertThat(store.applyRetention(clock.instant())).containsExactly(a);
    assertThat(store.manifests(ShardKind.TRAINING)).containsExactly(b, c);
    assertThat(Path.of(URI.create(a.getLocation()))).doesNotExist();
    // a trainer holding the old manifest learns it is gone instead of failing
    assertThat(ShardReader.readAll(store, List.of(a, c)).missingShards())
        .containsExactly(a.getShardId());
    assertThat(store.applyRetention(clock.instant())).isEmpty();
  }

  @Test
  void retentionByAgeDeletesOldShardsButNeverTheEvaluationSet() throws Exception {
    ShardPolicy policy = retention(0, Duration.ofMinutes(5));
    LocalShardStore store = LocalShardStore.under(workDir, "spam", policy);
    ShardManifest old = sealTraining(store, policy, 0); // sealed at t0+1m
    ShardManifest gold;
    try (ShardWriter w =
        new ShardWriter(
            "spam", ShardKind.EVALUATION, 0, 2, policy, store.stagingDirectory(), clock)) {
      w.append(example("g", 1, 0.6, true, 1), 2);
      gold = store.seal(w.seal());
    }
    clock.advance(Duration.ofMinutes(4));
    ShardManifest young = sealTraining(store, policy, 3); // sealed at t0+6m

    assertThat(store.applyRetention(clock.instant())).isEmpty(); // old is exactly 5 minutes old
    clock.advance(Duration.ofSeconds(1));
    assertThat(store.applyRetention(clock.instant())).containsExactly(old);
    assertThat(store.manifests(ShardKind.TRAINING)).containsExactly(young);
    clock.advance(Duration.ofDays(1));
    assertThat(store.applyRetention(clock.instant())).containsExactly(young);
    assertThat(store.manifests(ShardKind.EVALUATION)).containsExactly(gold);
    assertThat(store.evaluationSet()).extracting(TrainingExample::getGoldLabel).containsExactly(1);
  }

  @Test
  void recoverRemovesOpenFilesAndFilesWithoutManifest() throws Exception {
    ShardPolicy policy = retention(0, null);
    LocalShardStore store = LocalShardStore.under(workDir, "spam", policy);
    ShardManifest kept = sealTraining(store, policy, 0);
    ShardWriter open =
        new ShardWriter("spam", ShardKind.TRAINING, 0, 2, policy, store.stagingDirectory(), clock);
    open.append(example("x", 0), 9); // crash with a shard open
    Path orphan = store.directory(ShardKind.TRAINING).resolve("spam-training-p0-5-6.avro");
    Files.writeString(orphan, "renamed, manifest never written"); // crash between the two renames

    assertThat(store.recover()).isEqualTo(2);
    assertThat(orphan).doesNotExist();
    assertThat(Files.list(store.stagingDirectory())).isEmpty();
    assertThat(store.manifests(ShardKind.TRAINING)).containsExactly(kept);
    assertThat(store.verify(kept)).isTrue();
    open.close();
  }

  @Test
  void resealingTheSameShardIdReplacesIt() throws Exception {
    ShardPolicy policy = retention(0, null);
    LocalShardStore store = LocalShardStore.under(workDir, "spam", policy);
    sealTraining(store, policy, 0);
    ShardManifest again = sealTraining(store, policy, 0);
    assertThat(store.manifests(ShardKind.TRAINING)).containsExactly(again);
    List<TrainingExample> all = new ArrayList<>();
    store.read(again, all::add);
    assertThat(all).hasSize(2);
  }
}
