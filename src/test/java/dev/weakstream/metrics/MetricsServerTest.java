package dev.weakstream.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class MetricsServerTest {

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private PrometheusMeterRegistry registry;
  private MetricsServer server;

  @BeforeEach
  void start() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    server = MetricsServer.start(registry, 0);
  }

  @AfterEach
  void stop() {
    server.close();
    registry.close();
  }

  @Test
  void servesRegisteredCounterInPrometheusTextFormat() throws Exception {
    registry.counter("weakstream.test.records", "lf", "keyword_check").increment(3);

    HttpResponse<String> response = get("/metrics");

    assertThat(server.port()).isPositive();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .contains(MetricsServer.PROMETHEUS_TEXT_CONTENT_TYPE);
    assertThat(response.body()).contains("weakstream_test_records_total{lf=\"keyword_check\"} 3.0");
  }

  @Test
  void unknownPathIsNotFound() throws Exception {
    assertThat(get("/nope").statusCode()).isEqualTo(404);
    assertThat(get("/metricsx").statusCode()).isEqualTo(404);
  }

  @Test
  void nonGetIsRejected() throws Exception {
    HttpRequest post =
        HttpRequest.newBuilder(uri("/metrics")).POST(HttpRequest.BodyPublishers.noBody()).build();
    assertThat(http.send(post, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
  }

  @Test
  void closeIsIdempotent() {
    server.close();
    server.close();
  }

  @Test
  @SuppressWarnings("try") // closes its resource inside the try on purpose: close() is idempotent
  void jvmRegistryExposesJvmMetrics() throws Exception {
    try (PrometheusMetrics metrics = PrometheusMetrics.open();
        MetricsServer jvmServer = MetricsServer.start(metrics.registry(), 0)) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + jvmServer.port() + "/metrics"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.body())
          .contains(
              "jvm_memory_used_bytes",
              "jvm_threads_live_threads",
              "system_cpu_count",
              "jvm_classes_loaded_classes");
      metrics.close();
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }
}
