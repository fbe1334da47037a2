package dev.weakstream.registry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Meters of a {@link ModelFollower}, tagged by pipeline and model name (and reason / kind, both
 * bounded): {@code weakstream.model.artifact.rejected{reason}} (Prometheus {@code
 * weakstream_model_artifact_rejected_total}), {@code
 * weakstream.model.artifact.delivered{kind=active|candidate}}, {@code
 * weakstream.model.active.version} and {@code weakstream.model.activation.delay} (from the release
 * being written to the listener returning). Thread-safe; does not own the registry.
 */
final class ModelFollowerMetrics {

  static final String REJECTED = "weakstream.model.artifact.rejected";
  static final String DELIVERED = "weakstream.model.artifact.delivered";
  static final String ACTIVE_VERSION = "weakstream.model.active.version";
  static final String ACTIVATION_DELAY = "weakstream.model.activation.delay";

  private final MeterRegistry registry;
  private final String pipeline;
  private final Map<String, AtomicInteger> activeVersions = new ConcurrentHashMap<>();

  ModelFollowerMetrics(MeterRegistry registry, String pipeline) {
    this.registry = registry;
    this.pipeline = pipeline;
  }

  void rejected(String model, RejectionReason reason) {
    Counter.builder(REJECTED)
        .description("Model artifacts not loaded (failed verification or loading)")
        .tags("pipeline", pipeline, "model", model, "reason", reason.tag())
        .register(registry)
        .increment();
  }

  void delivered(String model, String kind) {
    Counter.builder(DELIVERED)
        .description("Verified model artifacts handed to the listener")
        .tags("pipeline", pipeline, "model", model, "kind", kind)
        .register(registry)
        .increment();
  }

  void activated(String model, int version, Duration delay) {
    activeVersions
        .computeIfAbsent(
            model,
            m -> {
              AtomicInteger holder = new AtomicInteger();
              Gauge.builder(ACTIVE_VERSION, holder, AtomicInteger::get)
                  .description("Version of the loaded active model")
                  .tags("pipeline", pipeline, "model", m)
                  .register(registry);
              return holder;
            })
        .set(version);
    Timer.builder(ACTIVATION_DELAY)
        .description("From a version's activation being written to it being loaded")
        .tags("pipeline", pipeline, "model", model)
        .register(registry)
        .record(delay);
  }
}
