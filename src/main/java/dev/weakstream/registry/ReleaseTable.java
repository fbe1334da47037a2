package dev.weakstream.registry;

import dev.weakstream.avro.ModelRelease;
import dev.weakstream.avro.ModelStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The latest record of every {@code <name>/<version>} read from the models topic, in topic order.
 * Not thread-safe.
 */
final class ReleaseTable {

  private final Map<String, TreeMap<Integer, ModelRelease>> byName = new TreeMap<>();

  /** Applies one record of the topic; returns the record it replaced, or null. */
  ModelRelease apply(ModelRelease release) {
    return byName
        .computeIfAbsent(release.getName(), n -> new TreeMap<>())
        .put(release.getVersion(), release);
  }

  /** Every version, by name then version. */
  List<ModelRelease> all() {
    List<ModelRelease> all = new ArrayList<>();
    byName.values().forEach(versions -> all.addAll(versions.values()));
    return all;
  }

  List<String> names() {
    return List.copyOf(byName.keySet());
  }

  Optional<ModelRelease> get(String name, int version) {
    TreeMap<Integer, ModelRelease> versions = byName.get(name);
    return Optional.ofNullable(versions == null ? null : versions.get(version));
  }

  /**
   * The ACTIVE version of {@code name}. Writers retire the old version before they activate the new
   * one, so there is at most one; should a foreign writer leave two, the most recently activated
   * wins.
   */
  Optional<ModelRelease> active(String name) {
    TreeMap<Integer, ModelRelease> versions = byName.get(name);
    if (versions == null) {
      return Optional.empty();
    }
    ModelRelease active = null;
    for (ModelRelease r : versions.values()) {
      if (r.getStatus() == ModelStatus.ACTIVE
          && (active == null || !r.getUpdatedAt().isBefore(active.getUpdatedAt()))) {
        active = r;
      }
    }
    return Optional.ofNullable(active);
  }

  int nextVersion(String name) {
    TreeMap<Integer, ModelRelease> versions = byName.get(name);
    return versions == null || versions.isEmpty() ? 1 : versions.lastKey() + 1;
  }
}
