package dev.weakstream.stream;

import dev.weakstream.core.Labeler;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The labeler this application instance uses now: majority vote until the first label model arrives
 * on the label-model topic, then each newer release. Swapped atomically by the global label-model
 * store's processor, read per record by every stream thread. Thread-safe.
 */
public final class CurrentLabeler implements Supplier<Labeler> {

  private final AtomicReference<Labeler> current;

  public CurrentLabeler(Labeler initial) {
    this.current = new AtomicReference<>(initial);
  }

  @Override
  public Labeler get() {
    return current.get();
  }

  void set(Labeler labeler) {
    current.set(labeler);
  }
}
