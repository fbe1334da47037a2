package dev.weakstream.student;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weakstream.core.TextRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The hot-swap handle: leases keep a model open, swaps close each old model exactly once. */
class ActiveStudentTest {

  /** A model that fails loudly if used after close and counts its closes. */
  static final class CountingModel implements StudentModel {
    final String version;
    final AtomicInteger closes = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    volatile boolean closed;

    CountingModel(String version) {
      this.version = version;
    }

    @Override
    public String name() {
      return "counting";
    }

    @Override
    public String version() {
      return version;
    }

    @Override
    public int numClasses() {
      return 2;
    }

    @Override
    public double[][] predict(List<TextRecord> records) {
      inFlight.incrementAndGet();
      try {
        if (closed) {
          throw new IllegalStateException("predict on closed model " + version);
        }
        Thread.onSpinWait();
        if (closed) {
          throw new IllegalStateException("model " + version + " closed during predict");
        }
        return new double[][] {{0.5, 0.5}};
      } finally {
        inFlight.decrementAndGet();
      }
    }

    @Override
    public void close() {
      if (inFlight.get() > 0) {
        throw new IllegalStateException("closed under a running call: " + version);
      }
      closed = true;
      closes.incrementAndGet();
    }
  }

  @Test
  void noStudentMeansNoLease() {
    try (StudentSlots students = new StudentSlots()) {
      assertThat(students.lease()).isNull();
      assertThat(students.leaseCandidate()).isNull();
    }
  }

  @Test
  void anOldModelIsClosedOnlyWhenItsLastLeaseIsReleased() {
    CountingModel v1 = new CountingModel("1");
    CountingModel v2 = new CountingModel("2");
    StudentSlots students = new StudentSlots();
    students.swap(v1);
    StudentSlots.Lease held = students.lease();
    students.swap(v2);
    assertThat(v1.closes).hasValue(0);
    assertThat(held.model().predict(List.of())).hasNumberOfRows(1);
    try (StudentSlots.Lease lease = students.lease()) {
      assertThat(lease.model().version()).isEqualTo("2");
    }
    held.close();
    held.close();
    assertThat(v1.closes).hasValue(1);
    students.close();
    assertThat(v2.closes).hasValue(1);
  }

  @Test
  void firstUseAfterASwapIsReportedOncePerModelFromItsRelease() {
    List<String> events = new CopyOnWriteArrayList<>();
    List<Duration> latencies = new CopyOnWriteArrayList<>();
    StudentSlots students =
        new StudentSlots(
            new StudentSlots.Listener() {
              @Override
              public void swapped(StudentModel previous, StudentModel model) {
                events.add(
                    "swap "
                        + (previous == null ? "-" : previous.version())
                        + "->"
                        + model.version());
              }

              @Override
              public void firstUse(StudentModel model, Duration sinceRelease) {
                events.add("first " + model.version());
                latencies.add(sinceRelease);
              }

              @Override
              public void closed(StudentModel model) {
                events.add("closed " + model.version());
              }
            });
    students.swap(new CountingModel("1"), Instant.now().minusSeconds(5));
    for (int i = 0; i < 3; i++) {
      try (StudentSlots.Lease lease = students.lease()) {
        lease.model();
      }
    }
    students.swap(new CountingModel("2"));
    students.lease().close();
    students.close();
    assertThat(events)
        .containsExactly("swap -->1", "first 1", "swap 1->2", "closed 1", "first 2", "closed 2");
    assertThat(latencies.get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void promotingTheCandidateKeepsItOpenAndClosesTheOldActive() {
    CountingModel active = new CountingModel("1");
    CountingModel candidate = new CountingModel("2");
    StudentSlots students = new StudentSlots();
    students.swap(active);
    students.setCandidate(candidate);
    StudentSlots.Lease shadow = students.leaseCandidate();
    assertThat(students.promoteCandidate()).isTrue();
    shadow.close();
    assertThat(candidate.closes).hasValue(0);
    assertThat(active.closes).hasValue(1);
    assertThat(students.hasCandidate()).isFalse();
    try (StudentSlots.Lease lease = students.lease()) {
      assertThat(lease.model()).isSameAs(candidate);
    }
    assertThat(students.promoteCandidate()).isFalse();
    students.close();
    assertThat(candidate.closes).hasValue(1);
  }

  @Test
  @Timeout(60)
  void concurrentCallsNeverSeeAClosedModelWhileSwappingManyTimes() throws Exception {
    StudentSlots students = new StudentSlots();
    List<CountingModel> models = new ArrayList<>();
    CountingModel first = new CountingModel("0");
    models.add(first);
    students.swap(first);
    AtomicBoolean stop = new AtomicBoolean();
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    AtomicLong calls = new AtomicLong();
    int threads = 4;
    CountDownLatch done = new CountDownLatch(threads);
    for (int t = 0; t < threads; t++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  while (!stop.get()) {
                    try (StudentSlots.Lease lease = students.lease();
                        StudentSlots.Lease shadow = students.leaseCandidate()) {
                      lease.model().predict(List.of(new TextRecord("1", "x", Map.of())));
                      if (shadow != null) {
                        shadow.model().predict(List.of());
                      }
                      calls.incrementAndGet();
                    }
                  }
                } catch (Throwable e) {
                  errors.add(e);
                } finally {
                  done.countDown();
                }
              });
      thread.start();
    }
    for (int i = 1; i <= 2_000; i++) {
      CountingModel next = new CountingModel(String.valueOf(i));
      models.add(next);
      if (i % 3 == 0) {
        students.setCandidate(next);
        students.promoteCandidate();
      } else if (i % 3 == 1) {
        students.swap(next);
      } else {
        students.setCandidate(next);
      }
      if (i % 100 == 0) {
        Thread.sleep(1);
      }
    }
    stop.set(true);
    assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    students.close();
    assertThat(errors).isEmpty();
    assertThat(calls.get()).isGreaterThan(1000);
    assertThat(models)
        .allSatisfy(m -> assertThat(m.closes).as("closes of %s", m.version).hasValue(1));
  }
}
