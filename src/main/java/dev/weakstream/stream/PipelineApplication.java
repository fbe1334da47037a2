package dev.weakstream.stream;

import dev.weakstream.codec.GoldSeedFile;
import dev.weakstream.core.MajorityVote;
import dev.weakstream.kafka.PipelineTopics;
import dev.weakstream.metrics.PipelineMetrics;
import dev.weakstream.metrics.TeacherMetrics;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.pipeline.TeacherDefinition;
import dev.weakstream.pipeline.TeacherReference;
import dev.weakstream.student.StudentEvaluation;
import dev.weakstream.teacher.EmbeddingTeacher;
import dev.weakstream.teacher.FewShotHead;
import dev.weakstream.teacher.OfflineGuard;
import dev.weakstream.teacher.OnnxClassifierTeacher;
import dev.weakstream.teacher.SentenceEncoder;
import dev.weakstream.teacher.TeacherManifest;
import dev.weakstream.teacher.TeacherManifests;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running pipeline: creates its topics if absent, builds the topology, starts Kafka Streams and
 * binds its client metrics to the registry.
 *
 * <p>Owns the {@link KafkaStreams} instance and its metrics binder and closes them in {@link
 * #close()} (idempotent); does not own the registry or the broker.
 */
public final class PipelineApplication implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PipelineApplication.class);

  private final KafkaStreams streams;
  private final KafkaStreamsMetrics streamsMetrics;
  private final PipelineMetrics metrics;
  private CurrentLabeler labeler;
  private StreamTeacher teacher;
  private StreamStudent student;
  private java.util.concurrent.atomic.AtomicReference<StudentEvaluation.LowAgreementListener>
      onStudentLowAgreement;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private boolean closed;

  private PipelineApplication(
      KafkaStreams streams, KafkaStreamsMetrics streamsMetrics, PipelineMetrics metrics) {
    this.streams = streams;
    this.streamsMetrics = streamsMetrics;
    this.metrics = metrics;
  }

  /**
   * Starts the pipeline's labeling topology and waits until Kafka Streams is running. It labels
   * with majority vote until its label model (if the pipeline learns one) is first fitted, or
   * restored.
   */
  public static PipelineApplication start(
      PipelineDefinition pipeline,
      StreamsSettings settings,
      MeterRegistry registry,
      Duration startTimeout) {
    return start(
        pipeline,
        settings,
        registry,
        startTimeout,
        pipeline.teachers().isEmpty() ? null : openTeacher(pipeline, settings.streamThreads()));
  }

  /**
   * As {@link #start(PipelineDefinition, StreamsSettings, MeterRegistry, Duration)} with a teacher
   * opened by the caller (e.g. from an overridden manifest); the application takes ownership of it.
   */
  public static PipelineApplication start(
      PipelineDefinition pipeline,
      StreamsSettings settings,
      MeterRegistry registry,
      Duration startTimeout,
      StreamTeacher teacher) {
    if (teacher != null && settings.commitInterval() == null) {
      settings = settings.withCommitInterval(StreamsSettings.TEACHER_COMMIT_INTERVAL);
    }
    PipelineMetrics metrics = PipelineMetrics.of(registry, pipeline);
    CurrentLabeler labeler = new CurrentLabeler(new MajorityVote(pipeline.numClasses()));
    metrics.bindLabelModel(registry, pipeline.name(), pipeline.sourceNames(), labeler);
    PipelineTopics.create(pipeline, settings.clients());
    TeacherMetrics teacherMetrics =
        teacher == null
            ? null
            : new TeacherMetrics(
                registry,
                pipeline.name(),
                teacher.definition().name(),
                teacher.model().device().name().toLowerCase(java.util.Locale.ROOT),
                teacher::cache);
    // an empty student slot: a registry follower swaps published students into it
    var onLowAgreement =
        new java.util.concurrent.atomic.AtomicReference<StudentEvaluation.LowAgreementListener>(
            (name, version, agreement, window) -> {});
    StreamStudent student =
        pipeline.student() == null
            ? null
            : StreamStudent.create(
                pipeline,
                registry,
                (name, version, agreement, window) -> {
                  LOG.warn(
                      "student {} {} agrees with the label model on only {} of the last {} records",
                      name,
                      version,
                      agreement,
                      window);
                  onLowAgreement.get().lowAgreement(name, version, agreement, window);
                });
    Topology topology =
        PipelineTopology.build(pipeline, labeler, metrics, teacher, teacherMetrics, student);
    PipelineApplication app;
    try {
      app =
          start(
              topology,
              settings,
              pipeline.output().deadLetterTopic(),
              metrics,
              registry,
              startTimeout);
    } catch (RuntimeException e) {
      if (teacher != null) {
        teacher.close();
      }
      if (student != null) {
        student.close();
      }
      throw e;
    }
    app.labeler = labeler;
    app.teacher = teacher;
    app.student = student;
    app.onStudentLowAgreement = onLowAgreement;
    return app;
  }

  /**
   * Opens the pipeline's teacher from its manifest ({@code models/NAME.yaml}): refuses unless the
   * DJL tokenizer is kept offline; zero-shot over the class descriptions, or few-shot fitted on
   * gold records as they stream in.
   */
  static StreamTeacher openTeacher(PipelineDefinition pipeline, int streamThreads) {
    OfflineGuard.check();
    return openTeacher(
        pipeline,
        forStream(TeacherManifests.byName(pipeline.teachers().get(0).name()), streamThreads));
  }

  /**
   * A manifest whose intra-op threads are left automatic gets the cores divided among the stream
   * threads: in the stream, parallelism comes from stream threads each running its own inference,
   * and intra-op threads beyond the cores compete with Kafka's (measured by {@code bench teacher}).
   */
  public static TeacherManifest forStream(TeacherManifest manifest, int streamThreads) {
    if (manifest.intraOpThreads() != 0) {
      return manifest;
    }
    return manifest.withIntraOpThreads(
        Math.max(1, Runtime.getRuntime().availableProcessors() / streamThreads));
  }

  /**
   * Opens the pipeline's teacher from the given manifest; the caller owns the result. An embedding
   * manifest gets the definition's zero- or few-shot head; a classifier manifest is used as it is
   * (its {@code mode} does not apply).
   */
  public static StreamTeacher openTeacher(PipelineDefinition pipeline, TeacherManifest manifest) {
    TeacherDefinition definition = pipeline.teachers().get(0);
    OfflineGuard.check();
    if (manifest.kind() == TeacherManifest.Kind.CLASSIFIER) {
      // A model the user brings, configured by its manifest: its outputs are the soft votes as they
      // are.
      return new StreamTeacher(
          definition,
          OnnxClassifierTeacher.open(manifest, pipeline.numClasses(), 0),
          pipeline.numClasses());
    }
    SentenceEncoder encoder =
        SentenceEncoder.open(manifest, SentenceEncoder.DEFAULT_CACHE_CAPACITY);
    EmbeddingTeacher model =
        definition.mode() == TeacherReference.Mode.ZEROSHOT
            ? EmbeddingTeacher.zeroShot(
                encoder,
                true,
                pipeline.classes().stream()
                    .map(c -> c.description().isBlank() ? c.name() : c.description())
                    .toList())
            : new EmbeddingTeacher(
                manifest.name() + "-fewshot", encoder, true, null, FewShotHead.DEFAULT_SEED);
    StreamTeacher teacher = new StreamTeacher(definition, model, pipeline.numClasses());
    if (definition.seedFile() != null) {
      seed(teacher, pipeline, definition.seedFile());
    }
    return teacher;
  }

  private static void seed(
      StreamTeacher teacher, PipelineDefinition pipeline, java.nio.file.Path file) {
    try {
      List<GoldSeedFile.Seed> seeds = GoldSeedFile.read(file, pipeline);
      if (seeds.stream().map(GoldSeedFile.Seed::label).distinct().count() < 2) {
        throw new IllegalArgumentException(
            "seed file " + file + " needs gold records of at least two classes");
      }
      teacher.seed(
          seeds.stream().map(GoldSeedFile.Seed::text).toList(),
          seeds.stream().mapToInt(GoldSeedFile.Seed::label).toArray());
      LOG.info("few-shot teacher fitted on {} seed records from {}", seeds.size(), file);
    } catch (java.io.IOException e) {
      teacher.close();
      throw new java.io.UncheckedIOException("cannot read seed file " + file, e);
    } catch (RuntimeException e) {
      teacher.close();
      throw e;
    }
  }

  /** The labeler this instance labels with now (majority vote, then each fitted label model). */
  public CurrentLabeler labeler() {
    return labeler;
  }

  /** Starts any topology with the pipeline's settings (used by benchmarks for their baselines). */
  public static PipelineApplication start(
      Topology topology,
      StreamsSettings settings,
      String deadLetterTopic,
      PipelineMetrics metrics,
      MeterRegistry registry,
      Duration startTimeout) {
    return start(
        topology, settings, deadLetterTopic, metrics, registry, startTimeout, streams -> {});
  }

  /**
   * As {@link #start(Topology, StreamsSettings, String, PipelineMetrics, MeterRegistry, Duration)},
   * handing the Kafka Streams client to {@code beforeStart} first: its threads may process records
   * before the client as a whole is RUNNING (one thread can hold every task while another joins),
   * so a benchmark that watches its progress must start watching before it starts.
   */
  public static PipelineApplication start(
      Topology topology,
      StreamsSettings settings,
      String deadLetterTopic,
      PipelineMetrics metrics,
      MeterRegistry registry,
      Duration startTimeout,
      java.util.function.Consumer<KafkaStreams> beforeStart) {
    KafkaStreams streams =
        new KafkaStreams(topology, settings.toProperties(deadLetterTopic, metrics));
    beforeStart.accept(streams);
    KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(registry);
    PipelineApplication app = new PipelineApplication(streams, streamsMetrics, metrics);
    CountDownLatch running = new CountDownLatch(1);
    streams.setStateListener(
        (now, before) -> {
          if (now == KafkaStreams.State.RUNNING) {
            running.countDown();
          }
          if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
            app.stopped.countDown();
            running.countDown();
          }
        });
    streams.setUncaughtExceptionHandler(
        error -> {
          LOG.error("stream thread failed; shutting down the client", error);
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    streams.start();
    try {
      if (!running.await(startTimeout.toMillis(), TimeUnit.MILLISECONDS)
          || streams.state() != KafkaStreams.State.RUNNING) {
        KafkaStreams.State state = streams.state();
        app.close();
        throw new IllegalStateException(
            "Kafka Streams did not reach RUNNING within "
                + startTimeout
                + " (state "
                + state
                + ")");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      app.close();
      throw new IllegalStateException("interrupted while starting", e);
    }
    return app;
  }

  public KafkaStreams streams() {
    return streams;
  }

  /**
   * What to do when the active student's live agreement with the label model falls below the
   * pipeline's {@code rollback_agreement} (e.g. roll it back in the registry); the default only
   * logs.
   */
  public void onStudentLowAgreement(StudentEvaluation.LowAgreementListener listener) {
    if (onStudentLowAgreement != null) {
      onStudentLowAgreement.set(listener);
    }
  }

  /**
   * The pipeline's student slot (swap students into {@code student().students()}), or null without
   * one.
   */
  public StreamStudent student() {
    return student;
  }

  public PipelineMetrics metrics() {
    return metrics;
  }

  /** Blocks until the streams client stops (error or close). */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    streams.close(Duration.ofSeconds(30));
    streamsMetrics.close();
    if (teacher != null) {
      teacher.close();
    }
    if (student != null) {
      student.close();
    }
    stopped.countDown();
  }
}
