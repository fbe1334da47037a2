package dev.weakstream.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Picks currently free TCP ports on 127.0.0.1.
 *
 * <p>Needed because a KRaft controller's address must be known before the broker starts (it goes
 * into {@code controller.quorum.voters}), so "port 0" cannot be left to the kernel. There is a
 * small race between closing the probe socket and the broker binding the port; acceptable for local
 * runs and tests. Stateless and thread-safe.
 */
final class LoopbackPorts {

  private LoopbackPorts() {}

  /** Returns {@code requested} if it is positive, otherwise a port that is free right now. */
  static int resolve(int requested) {
    if (requested < 0 || requested > 65_535) {
      throw new IllegalArgumentException(
          "port must be 0 (pick a free one) or 1..65535, was " + requested);
    }
    return requested > 0 ? requested : freePort();
  }

  /** Returns a port that was free on 127.0.0.1 at the time of the call. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("could not find a free port on 127.0.0.1", e);
    }
  }
}
