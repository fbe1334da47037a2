package dev.weakstream.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link PrometheusMeterRegistry} at {@code GET /metrics} in the Prometheus text format
 * (OpenMetrics when the scraper asks for it in {@code Accept}), using the JDK's built-in HTTP
 * server. Any other path answers 404, any other method on {@code /metrics} 405.
 *
 * <p>Binds 127.0.0.1 unless given another address. Requests are handled on one daemon thread:
 * scrapes are rare and cheap, and one thread bounds the cost of a misbehaving scraper.
 *
 * <p>Ownership: the server does not own the registry (close that separately, after the server).
 * Thread-safe; {@link #close()} is idempotent and stops the listener and its thread.
 */
public final class MetricsServer implements AutoCloseable {

  /** The default metrics port, as registered for Prometheus exporters of this kind. */
  public static final int DEFAULT_PORT = 9464;

  static final String PATH = "/metrics";

  /** Prometheus text exposition format 0.0.4, the default for scrapers. */
  public static final String PROMETHEUS_TEXT_CONTENT_TYPE =
      "text/plain; version=0.0.4; charset=utf-8";

  /** OpenMetrics 1.0 text, served when the scraper's Accept header asks for it. */
  public static final String OPENMETRICS_CONTENT_TYPE =
      "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

  private final HttpServer server;
  private final ExecutorService executor;
  private boolean closed;

  private MetricsServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts serving {@code registry} on 127.0.0.1.
   *
   * @param port the TCP port, or 0 for an ephemeral one (see {@link #port()})
   */
  public static MetricsServer start(PrometheusMeterRegistry registry, int port) {
    return start(registry, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
  }

  /**
   * Starts serving {@code registry} on an explicit address; use a non-loopback address only where
   * the metrics port is meant to be reachable from other hosts.
   *
   * @throws UncheckedIOException if the address cannot be bound (e.g. the port is taken)
   */
  public static MetricsServer start(PrometheusMeterRegistry registry, InetSocketAddress address) {
    HttpServer server;
    try {
      server = HttpServer.create(address, 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the metrics endpoint to " + address, e);
    }
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "weakstream-metrics-http");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", exchange -> handle(registry, exchange));
    server.start();
    LOG.info(
        "Serving Prometheus metrics at http://{}:{}{}",
        server.getAddress().getHostString(),
        server.getAddress().getPort(),
        PATH);
    return new MetricsServer(server, executor);
  }

  /** The bound port (the ephemeral one if started with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops accepting scrapes and stops the handler thread. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.stop(0);
    executor.shutdownNow();
  }

  private static void handle(PrometheusMeterRegistry registry, HttpExchange exchange)
      throws IOException {
    try (exchange) {
      if (!PATH.equals(exchange.getRequestURI().getPath())) {
        respond(
            exchange, 404, "text/plain; charset=utf-8", "Not found; metrics are at " + PATH + "\n");
      } else if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "GET");
        respond(exchange, 405, "text/plain; charset=utf-8", "Method not allowed\n");
      } else {
        String contentType = negotiate(exchange.getRequestHeaders().getFirst("Accept"));
        respond(exchange, 200, contentType, registry.scrape(contentType));
      }
    }
  }

  private static String negotiate(String accept) {
    return accept != null && accept.contains("application/openmetrics-text")
        ? OPENMETRICS_CONTENT_TYPE
        : PROMETHEUS_TEXT_CONTENT_TYPE;
  }

  private static void respond(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
