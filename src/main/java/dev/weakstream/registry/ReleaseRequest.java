package dev.weakstream.registry;

import java.util.Map;
import java.util.Objects;

/**
 * A model version to publish as a CANDIDATE.
 *
 * @param name model name (letters, digits, '.', '_', '-'), e.g. {@code student}
 * @param artifact the model file's bytes (e.g. ONNX)
 * @param format artifact format, e.g. {@code onnx}
 * @param metrics evaluation metrics (higher is better), e.g. {@code gold_f1}
 * @param gateMetric the metric the promotion gate compares by default, or null
 * @param provenance trainer config, shard ids, seed, code version
 * @param parentVersion the version this one was trained from, or null
 */
public record ReleaseRequest(
    String name,
    byte[] artifact,
    String format,
    Map<String, Double> metrics,
    String gateMetric,
    Map<String, String> provenance,
    Integer parentVersion) {

  public static final String ONNX = "onnx";

  public ReleaseRequest {
    ReleaseKeys.checkName(name);
    Objects.requireNonNull(artifact, "artifact");
    Objects.requireNonNull(format, "format");
    metrics = Map.copyOf(metrics);
    provenance = Map.copyOf(provenance);
    if (artifact.length == 0) {
      throw new IllegalArgumentException("model " + name + ": artifact is empty");
    }
    if (gateMetric != null && !metrics.containsKey(gateMetric)) {
      throw new IllegalArgumentException(
          "model "
              + name
              + ": gate metric '"
              + gateMetric
              + "' is not among the metrics "
              + metrics.keySet());
    }
    if (parentVersion != null && parentVersion < 1) {
      throw new IllegalArgumentException(
          "model " + name + ": parent version must be >= 1, was " + parentVersion);
    }
  }

  /** An ONNX artifact. */
  public static ReleaseRequest onnx(
      String name,
      byte[] artifact,
      Map<String, Double> metrics,
      String gateMetric,
      Map<String, String> provenance,
      Integer parentVersion) {
    return new ReleaseRequest(name, artifact, ONNX, metrics, gateMetric, provenance, parentVersion);
  }
}
