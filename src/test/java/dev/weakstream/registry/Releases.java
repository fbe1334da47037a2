package dev.weakstream.registry;

import dev.weakstream.avro.ModelRelease;
import dev.weakstream.avro.ModelStatus;
import java.time.Instant;
import java.util.Map;

/** Release records for unit tests (no Kafka). */
final class Releases {

  private Releases() {}

  static ModelRelease release(int version, ModelStatus status, Map<String, Double> metrics) {
    Instant t = Instant.parse("2025-01-01T00:00:00Z").plusSeconds(version);
    return ModelRelease.newBuilder()
        .setName("student")
        .setVersion(version)
        .setParentVersion(version > 1 ? version - 1 : null)
        .setStatus(status)
        .setFormat("onnx")
        .setSha256("00".repeat(32))
        .setSizeBytes(10)
        .setChunkCount(1)
        .setChunkBytes(512 * 1024)
        .setArtifactTopic("p-model-artifacts")
        .setArtifactPartition(0)
        .setArtifactOffset(0)
        .setMetrics(metrics)
        .setGateMetric("gold_f1")
        .setProvenance(Map.of("seed", "42"))
        .setCreatedAt(t)
        .setUpdatedAt(t)
        .build();
  }
}
