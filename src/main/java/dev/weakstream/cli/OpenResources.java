package dev.weakstream.cli;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a long-running command has opened so far (broker, metrics, servers, the pipeline), closed in
 * the reverse order on every way out: a failed start, the pipeline stopping, or the JVM's shutdown
 * hook. A resource that fails to close is reported on standard error and the rest are still closed.
 *
 * <p>Thread-safe: {@link #add} and {@link #close()} may race between the command's thread and the
 * shutdown hook; {@link #close()} is idempotent, and a resource added after it is closed at once.
 */
final class OpenResources implements AutoCloseable {

  private final Deque<AutoCloseable> open = new ArrayDeque<>();
  private boolean closed;

  /** Takes ownership of {@code resource} (null: nothing) and returns it. */
  <T extends AutoCloseable> T add(T resource) {
    if (resource == null) {
      return null;
    }
    boolean closeNow;
    synchronized (this) {
      closeNow = closed;
      if (!closeNow) {
        open.push(resource);
      }
    }
    if (closeNow) {
      closeQuietly(resource);
      throw new IllegalStateException("shutting down");
    }
    return resource;
  }

  @Override
  public synchronized void close() {
    closed = true;
    while (!open.isEmpty()) {
      closeQuietly(open.pop());
    }
  }

  private static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      System.err.printf(
          "weakstream: closing %s failed: %s%n", resource.getClass().getSimpleName(), e);
    }
  }
}
