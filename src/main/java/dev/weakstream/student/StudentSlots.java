package dev.weakstream.student;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The two students a pipeline serves: the active one, whose scores go on labeled records, and
 * optionally a candidate scored in shadow next to it. Each slot is an {@link AtomicReference} to a
 * lease-counted handle per model, so both are hot-swappable. Callers predict under a {@link Lease};
 * {@link #swap} installs a new active model atomically and closes the old one only once its
 * in-flight leases are released, so no call ever runs on a closed ONNX Runtime session; {@link
 * #promoteCandidate} moves the candidate into the active slot without closing it.
 *
 * <p>Thread-safe. Owns every model given to it: each is closed exactly once, after it was replaced,
 * cleared or this object was closed, and its last lease released.
 */
public final class StudentSlots implements AutoCloseable {

  /** Events of the handle's models (called on the thread that caused them; keep them short). */
  public interface Listener {
    /** {@code model} became active, replacing {@code previous} (null when none was active). */
    default void swapped(StudentModel previous, StudentModel model) {}

    /**
     * The first lease of {@code model} as the active student, {@code sinceRelease} after its
     * release.
     */
    default void firstUse(StudentModel model, Duration sinceRelease) {}

    /** {@code model} was closed (its last lease released). */
    default void closed(StudentModel model) {}
  }

  /** A model held for one call; {@link #close()} releases it. Not thread-safe: one per call. */
  public static final class Lease implements AutoCloseable {
    private final Handle handle;
    private boolean released;

    private Lease(Handle handle) {
      this.handle = handle;
    }

    public StudentModel model() {
      if (released) {
        throw new IllegalStateException("lease already released");
      }
      return handle.model;
    }

    @Override
    public void close() {
      if (!released) {
        released = true;
        handle.release();
      }
    }
  }

  /**
   * One model and its leases. {@code state} = 2 × leases + retired bit: once retired, no lease is
   * granted, and whoever brings it to "retired, no leases" closes the model.
   */
  private final class Handle {
    final StudentModel model;
    volatile Instant releasedAt;
    final AtomicInteger state = new AtomicInteger();
    final AtomicBoolean used = new AtomicBoolean();
    final AtomicBoolean closed = new AtomicBoolean();

    Handle(StudentModel model, Instant releasedAt) {
      this.model = model;
      this.releasedAt = releasedAt;
    }

    boolean tryAcquire() {
      while (true) {
        int s = state.get();
        if ((s & 1) != 0) {
          return false;
        }
        if (state.compareAndSet(s, s + 2)) {
          return true;
        }
      }
    }

    void release() {
      if (state.addAndGet(-2) == 1) {
        closeModel();
      }
    }

    void retire() {
      if (state.updateAndGet(s -> s | 1) == 1) {
        closeModel();
      }
    }

    private void closeModel() {
      if (closed.compareAndSet(false, true)) {
        model.close();
        listener.closed(model);
      }
    }
  }

  private final AtomicReference<Handle> active = new AtomicReference<>();
  private final AtomicReference<Handle> candidate = new AtomicReference<>();
  private final Listener listener;

  /** Without an active student yet. */
  public StudentSlots() {
    this(new Listener() {});
  }

  public StudentSlots(Listener listener) {
    this.listener = listener;
  }

  /**
   * A lease on the active student, or null when none is active (try-with-resources accepts null).
   */
  public Lease lease() {
    Lease lease = acquire(active);
    if (lease != null && lease.handle.used.compareAndSet(false, true)) {
      listener.firstUse(
          lease.handle.model, Duration.between(lease.handle.releasedAt, Instant.now()));
    }
    return lease;
  }

  /** A lease on the candidate, or null when there is none. */
  public Lease leaseCandidate() {
    return acquire(candidate);
  }

  /** Makes {@code model} active now (released now, for the first-use time). */
  public void swap(StudentModel model) {
    swap(model, Instant.now());
  }

  /**
   * Makes {@code model} active; the previous one is closed once its leases are released.
   *
   * @param releasedAt when the model was released (e.g. published to the registry): first use is
   *     timed from here
   */
  public void swap(StudentModel model, Instant releasedAt) {
    if (model == null) {
      throw new IllegalArgumentException("model is null; use clear() to stop serving a student");
    }
    install(new Handle(model, releasedAt));
  }

  private void install(Handle handle) {
    Handle previous = active.getAndSet(handle);
    StudentModel model = handle.model;
    listener.swapped(previous == null ? null : previous.model, model);
    if (previous != null) {
      previous.retire();
    }
  }

  /** Stops serving a student; the active one is closed once its leases are released. */
  public void clear() {
    Handle previous = active.getAndSet(null);
    if (previous != null) {
      previous.retire();
    }
  }

  /**
   * Holds {@code model} as the candidate scored in shadow (null clears it), closing the previous
   * one.
   */
  public void setCandidate(StudentModel model) {
    Handle previous = candidate.getAndSet(model == null ? null : new Handle(model, Instant.now()));
    if (previous != null) {
      previous.retire();
    }
  }

  /**
   * Makes the candidate active (the handle takes it over without closing it) and returns true, or
   * returns false when there is no candidate.
   */
  public boolean promoteCandidate() {
    Handle c = candidate.getAndSet(null);
    if (c == null) {
      return false;
    }
    // the same handle moves over, so the candidate's in-flight shadow leases keep counting
    c.releasedAt = Instant.now();
    install(c);
    return true;
  }

  /** The active model's name and version, or null (for logs; do not predict with it). */
  public String describeActive() {
    Handle h = active.get();
    return h == null ? null : h.model.name() + " " + h.model.version();
  }

  public boolean hasActive() {
    return active.get() != null;
  }

  public boolean hasCandidate() {
    return candidate.get() != null;
  }

  /** Clears the active student and the candidate; each is closed once its leases are released. */
  @Override
  public void close() {
    clear();
    setCandidate(null);
  }

  private static Lease acquire(AtomicReference<Handle> ref) {
    while (true) {
      Handle h = ref.get();
      if (h == null) {
        return null;
      }
      if (h.tryAcquire()) {
        return new Lease(h);
      }
      // retired between get() and tryAcquire(): a newer handle is already installed; read it again
    }
  }
}
