package dev.weakstream.metrics;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * A Prometheus meter registry with the standard JVM binders bound: memory, GC, threads, class
 * loading and processor/CPU.
 *
 * <p>This is an owner rather than a bare factory method because {@link JvmGcMetrics} registers GC
 * notification listeners that must be removed: {@link #close()} closes the GC binder and then the
 * registry. Ownership: whoever calls {@link #open()} closes the result; components that only record
 * metrics receive {@link #registry()} and never close it. Thread-safe; {@link #close()} is
 * idempotent.
 */
public final class PrometheusMetrics implements AutoCloseable {

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gcMetrics;
  private boolean closed;

  private PrometheusMetrics(PrometheusMeterRegistry registry, JvmGcMetrics gcMetrics) {
    this.registry = registry;
    this.gcMetrics = gcMetrics;
  }

  /**
   * Creates a Prometheus registry with JVM memory, GC, thread, class-loader and processor metrics.
   */
  public static PrometheusMetrics open() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    JvmGcMetrics gcMetrics = new JvmGcMetrics();
    gcMetrics.bindTo(registry);
    return new PrometheusMetrics(registry, gcMetrics);
  }

  /** The registry to record into and to serve with {@link MetricsServer}; owned by this object. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Unbinds the GC listeners and closes the registry. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      gcMetrics.close();
    } finally {
      registry.close();
    }
  }
}
