/**
 * Metrics exposition: a Prometheus registry with JVM and process binders ({@link
 * dev.weakstream.metrics.PrometheusMetrics}) and a loopback HTTP endpoint that serves it at {@code
 * GET /metrics} ({@link dev.weakstream.metrics.MetricsServer}).
 *
 * <p>Components record into any Micrometer {@code MeterRegistry}; only the application entry point
 * uses this package, so components stay testable against {@code SimpleMeterRegistry}.
 */
package dev.weakstream.metrics;
