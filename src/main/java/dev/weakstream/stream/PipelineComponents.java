package dev.weakstream.stream;

import dev.weakstream.core.MajorityVote;
import dev.weakstream.kafka.PipelineTopics;
import dev.weakstream.metrics.PipelineMetrics;
import dev.weakstream.metrics.TeacherMetrics;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.student.LiveStudentEvaluation;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one pipeline instance runs, assembled before Kafka Streams starts: its topics (created
 * when absent), its streams settings, its meters, the labeler (majority vote until a label model is
 * fitted or restored), the teacher (opened and seeded, when the pipeline declares one), the empty
 * student slot (when it has a {@code student:} section; a registry follower swaps students into it)
 * and the topology wired from them. {@link PipelineApplication#start} runs it.
 *
 * <p>Thread-safe: the parts are shared by the stream threads. Owns the teacher and the student
 * slot; {@link #close()} (idempotent) closes them, which the application does after its streams
 * have stopped. Does not own the meter registry.
 */
public final class PipelineComponents implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PipelineComponents.class);

  private final PipelineDefinition pipeline;
  private final StreamsSettings settings;
  private final MeterRegistry meters;
  private final PipelineMetrics metrics;
  private final CurrentLabeler labeler;
  private final StreamTeacher teacher;
  private final StreamStudent student;
  private final AtomicReference<LiveStudentEvaluation.LowAgreementListener> onLowAgreement;
  private final Topology topology;
  private boolean closed;

  private PipelineComponents(
      PipelineDefinition pipeline,
      StreamsSettings settings,
      MeterRegistry meters,
      PipelineMetrics metrics,
      CurrentLabeler labeler,
      StreamTeacher teacher,
      StreamStudent student,
      AtomicReference<LiveStudentEvaluation.LowAgreementListener> onLowAgreement,
      Topology topology) {
    this.pipeline = pipeline;
    this.settings = settings;
    this.meters = meters;
    this.metrics = metrics;
    this.labeler = labeler;
    this.teacher = teacher;
    this.student = student;
    this.onLowAgreement = onLowAgreement;
    this.topology = topology;
  }

  /**
   * Assembles the pipeline, opening its teacher (if it declares one) from its manifest.
   *
   * @param meters where the pipeline's, teacher's and student's meters are registered
   */
  public static PipelineComponents assemble(
      PipelineDefinition pipeline, StreamsSettings settings, MeterRegistry meters) {
    StreamTeacher teacher =
        pipeline.teachers().isEmpty()
            ? null
            : StreamTeachers.open(pipeline, settings.streamThreads());
    return assembleOwning(pipeline, settings, meters, teacher);
  }

  /**
   * Assembles the pipeline with a teacher the caller opened (e.g. from another manifest); the
   * components take ownership of it, and close it if assembly fails.
   */
  public static PipelineComponents assemble(
      PipelineDefinition pipeline,
      StreamsSettings settings,
      MeterRegistry meters,
      StreamTeacher teacher) {
    return assembleOwning(pipeline, settings, meters, Objects.requireNonNull(teacher, "teacher"));
  }

  private static PipelineComponents assembleOwning(
      PipelineDefinition pipeline,
      StreamsSettings settings,
      MeterRegistry meters,
      StreamTeacher teacher) {
    StreamStudent student = null;
    try {
      if (teacher != null && settings.commitInterval() == null) {
        settings = settings.withCommitInterval(StreamsSettings.TEACHER_COMMIT_INTERVAL);
      }
      PipelineTopics.create(pipeline, settings.clients());
      PipelineMetrics metrics = PipelineMetrics.of(meters, pipeline);
      CurrentLabeler labeler = new CurrentLabeler(new MajorityVote(pipeline.numClasses()));
      metrics.bindLabelModel(meters, pipeline.name(), pipeline.sourceNames(), labeler);
      PipelineTopology.Options options = PipelineTopology.Options.of(pipeline, labeler, metrics);
      if (teacher != null) {
        options =
            options.withTeacher(
                teacher,
                new TeacherMetrics(
                    meters,
                    pipeline.name(),
                    teacher.definition().name(),
                    teacher.model().device().name().toLowerCase(Locale.ROOT),
                    teacher::cache));
      }
      AtomicReference<LiveStudentEvaluation.LowAgreementListener> onLowAgreement =
          new AtomicReference<>((name, version, agreement, window) -> {});
      if (pipeline.student() != null) {
        student =
            StreamStudent.create(
                pipeline,
                meters,
                (name, version, agreement, window) -> {
                  LOG.warn(
                      "student {} {} agrees with the label model on only {} of the last {} records",
                      name,
                      version,
                      agreement,
                      window);
                  onLowAgreement.get().lowAgreement(name, version, agreement, window);
                });
        options = options.withStudent(student);
      }
      return new PipelineComponents(
          pipeline,
          settings,
          meters,
          metrics,
          labeler,
          teacher,
          student,
          onLowAgreement,
          PipelineTopology.build(options));
    } catch (RuntimeException e) {
      if (student != null) {
        student.close();
      }
      if (teacher != null) {
        teacher.close();
      }
      throw e;
    }
  }

  public PipelineDefinition pipeline() {
    return pipeline;
  }

  /** The settings the streams run with (a teacher's commit interval applied). */
  public StreamsSettings settings() {
    return settings;
  }

  public MeterRegistry meters() {
    return meters;
  }

  public PipelineMetrics metrics() {
    return metrics;
  }

  /** The labeler this instance labels with now (majority vote, then each fitted label model). */
  public CurrentLabeler labeler() {
    return labeler;
  }

  /**
   * The pipeline's student slot (swap students into {@code student().students()}), or null without
   * one.
   */
  public StreamStudent student() {
    return student;
  }

  /**
   * What to do when the active student's live agreement with the label model falls below the
   * pipeline's {@code rollback_agreement} (e.g. roll it back in the registry); the default only
   * logs.
   */
  public void onStudentLowAgreement(LiveStudentEvaluation.LowAgreementListener listener) {
    onLowAgreement.set(Objects.requireNonNull(listener, "listener"));
  }

  public Topology topology() {
    return topology;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (teacher != null) {
      teacher.close();
    }
    if (student != null) {
      student.close();
    }
  }
}
