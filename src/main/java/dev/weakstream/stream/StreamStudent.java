package dev.weakstream.stream;

import dev.weakstream.metrics.StudentMetrics;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.pipeline.StudentDefinition;
import dev.weakstream.student.LiveStudentEvaluation;
import dev.weakstream.student.StudentSlots;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The student one application instance shares across its stream threads: the hot-swappable {@link
 * StudentSlots} (fed from outside the topology, e.g. by a registry follower), the pipeline's {@link
 * StudentDefinition}, the live {@link LiveStudentEvaluation} of active and candidate, and their
 * meters.
 *
 * <p>Thread-safe. Owns the {@link StudentSlots}: {@link #close()} closes it (and so its models once
 * their calls finish).
 */
public record StreamStudent(
    StudentDefinition definition,
    StudentSlots students,
    LiveStudentEvaluation evaluation,
    StudentMetrics metrics)
    implements AutoCloseable {

  /**
   * A student slot with no model active yet, metered in {@code registry}.
   *
   * @param onLowAgreement told when the active student's live agreement with the label model over
   *     the last {@link LiveStudentEvaluation#DEFAULT_WINDOW} records falls below {@code
   *     rollback_agreement}
   */
  public static StreamStudent create(
      PipelineDefinition pipeline,
      MeterRegistry registry,
      LiveStudentEvaluation.LowAgreementListener onLowAgreement) {
    StudentDefinition definition = pipeline.student();
    if (definition == null) {
      throw new IllegalArgumentException("pipeline " + pipeline.name() + " has no student section");
    }
    StudentMetrics metrics = new StudentMetrics(registry, pipeline.name());
    LiveStudentEvaluation evaluation =
        new LiveStudentEvaluation(
            LiveStudentEvaluation.DEFAULT_WINDOW,
            definition.rollbackAgreement(),
            (name, version, agreement, window) -> {
              metrics.agreementLow();
              onLowAgreement.lowAgreement(name, version, agreement, window);
            });
    metrics.bind(registry, pipeline.name(), evaluation);
    return new StreamStudent(definition, new StudentSlots(metrics), evaluation, metrics);
  }

  @Override
  public void close() {
    students.close();
  }
}
