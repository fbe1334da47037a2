package dev.weakstream.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.weakstream.avro.ModelRelease;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.pipeline.StudentDefinition;
import dev.weakstream.registry.ModelRegistry;
import dev.weakstream.registry.RegistrySettings;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A {@code models} subcommand's pipeline, cluster and open {@link ModelRegistry}, plus the text and
 * JSON forms of releases. {@link #close()} closes the registry and the cluster connection.
 */
final class ModelsRegistryConnection implements AutoCloseable {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  final PipelineDefinition pipeline;
  final ModelRegistry registry;
  private final KafkaCluster kafka;

  private ModelsRegistryConnection(
      PipelineDefinition pipeline, KafkaCluster kafka, ModelRegistry registry) {
    this.pipeline = pipeline;
    this.kafka = kafka;
    this.registry = registry;
  }

  static ModelsRegistryConnection open(ModelsCommandOptions options) {
    PipelineDefinition pipeline = Pipelines.load(options.pipelineFile);
    KafkaCluster kafka = KafkaCluster.connect(options.cluster);
    try {
      return new ModelsRegistryConnection(
          pipeline,
          kafka,
          ModelRegistry.open(RegistrySettings.of(pipeline.name(), kafka.clients())));
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
  }

  /** The model named by --model, or the only one in the registry. */
  String model(String requested) {
    if (requested != null) {
      return requested;
    }
    List<String> names = registry.names();
    if (names.size() == 1) {
      return names.get(0);
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException(
          "pipeline "
              + pipeline.name()
              + " has no models yet (nothing on "
              + registry.settings().topics().models().name()
              + ")");
    }
    throw new IllegalArgumentException(
        "pipeline " + pipeline.name() + " has models " + names + "; choose one with --model");
  }

  /** The promotion margin of the pipeline's student section, or the default one. */
  double defaultMargin() {
    StudentDefinition student =
        pipeline.student() != null ? pipeline.student() : StudentDefinition.defaults();
    return student.promotionMargin();
  }

  static Map<String, Object> toMap(ModelRelease r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", r.getName());
    m.put("version", r.getVersion());
    m.put("parent_version", r.getParentVersion());
    m.put("status", r.getStatus().name());
    m.put("status_reason", r.getStatusReason());
    m.put("replaced_version", r.getReplacedVersion());
    m.put(
        "activated_at",
        r.getActivatedAtMillis() == null
            ? null
            : Instant.ofEpochMilli(r.getActivatedAtMillis()).toString());
    m.put("format", r.getFormat());
    m.put("sha256", r.getSha256());
    m.put("size_bytes", r.getSizeBytes());
    m.put("chunk_count", r.getChunkCount());
    m.put("artifact_topic", r.getArtifactTopic());
    m.put("metrics", new TreeMap<>(r.getMetrics()));
    m.put("gate_metric", r.getGateMetric());
    m.put("provenance", new TreeMap<>(r.getProvenance()));
    m.put("created_at", r.getCreatedAt().toString());
    m.put("updated_at", r.getUpdatedAt().toString());
    return m;
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  static String metrics(ModelRelease r) {
    return new TreeMap<>(r.getMetrics())
        .entrySet().stream()
            .map(e -> e.getKey() + "=" + String.format(Locale.ROOT, "%.4f", e.getValue()))
            .collect(Collectors.joining(" "));
  }

  /** One release as "key: value" lines. */
  static String details(ModelRelease r) {
    StringBuilder out = new StringBuilder();
    toMap(r)
        .forEach(
            (k, v) -> {
              if (v instanceof Map<?, ?> map) {
                out.append(k).append(':').append(map.isEmpty() ? " (none)" : "").append('\n');
                map.forEach(
                    (mk, mv) -> out.append("  ").append(mk).append(": ").append(mv).append('\n'));
              } else {
                out.append(k).append(": ").append(v == null ? "-" : v).append('\n');
              }
            });
    return out.toString().stripTrailing();
  }

  @Override
  public void close() {
    registry.close();
    kafka.close();
  }
}
