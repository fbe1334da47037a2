package dev.weakstream.metrics;

import dev.weakstream.student.LiveStudentEvaluation;
import dev.weakstream.student.StudentModel;
import dev.weakstream.student.StudentSlots;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;

/**
 * Meters of the student in the stream: swaps, time from a model's release to its first use, models
 * closed, scoring errors, teacher-skip alerts aside (those are {@code
 * weakstream.teacher.skips{reason= student}}), and per role (active, candidate) the live agreement
 * with the label model over the window, the accuracy on gold records and the records scored. Also
 * the {@link StudentSlots.Listener} that feeds them. Thread-safe; does not own the registry.
 */
public final class StudentMetrics implements StudentSlots.Listener {

  private final Counter swaps;
  private final Counter closed;
  private final Counter errors;
  private final Counter lowAgreement;
  private final Timer firstUse;

  public StudentMetrics(MeterRegistry registry, String pipeline) {
    swaps =
        Counter.builder("weakstream.student.swaps")
            .description("Students made active")
            .tag("pipeline", pipeline)
            .register(registry);
    closed =
        Counter.builder("weakstream.student.closed")
            .description("Replaced students closed after their last call")
            .tag("pipeline", pipeline)
            .register(registry);
    errors =
        Counter.builder("weakstream.student.errors")
            .description("Records a student failed to score")
            .tag("pipeline", pipeline)
            .register(registry);
    lowAgreement =
        Counter.builder("weakstream.student.low.agreement")
            .description("Times the active student's live agreement fell below rollback_agreement")
            .tag("pipeline", pipeline)
            .register(registry);
    firstUse =
        Timer.builder("weakstream.student.swap.first.use")
            .description("Time from a student's release to its first use in the stream")
            .tag("pipeline", pipeline)
            .register(registry);
  }

  /** Registers the per-role gauges of {@code evaluation}. */
  public void bind(MeterRegistry registry, String pipeline, LiveStudentEvaluation evaluation) {
    for (LiveStudentEvaluation.Role role : LiveStudentEvaluation.Role.values()) {
      String tag = role.name().toLowerCase(Locale.ROOT);
      Gauge.builder("weakstream.student.agreement", evaluation, e -> e.agreement(role))
          .description("Agreement with the label model over the last records scored")
          .tags("pipeline", pipeline, "role", tag)
          .register(registry);
      Gauge.builder("weakstream.student.gold.accuracy", evaluation, e -> e.goldAccuracy(role))
          .description("Accuracy on gold-labeled records since the version arrived")
          .tags("pipeline", pipeline, "role", tag)
          .register(registry);
      FunctionCounter.builder("weakstream.student.scored", evaluation, e -> e.scored(role))
          .description("Records the current version scored")
          .tags("pipeline", pipeline, "role", tag)
          .register(registry);
    }
  }

  @Override
  public void swapped(StudentModel previous, StudentModel model) {
    swaps.increment();
  }

  @Override
  public void firstUse(StudentModel model, Duration sinceRelease) {
    firstUse.record(sinceRelease.isNegative() ? Duration.ZERO : sinceRelease);
  }

  @Override
  public void closed(StudentModel model) {
    closed.increment();
  }

  public void scoringFailed() {
    errors.increment();
  }

  public void agreementLow() {
    lowAgreement.increment();
  }
}
