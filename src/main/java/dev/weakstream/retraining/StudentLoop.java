package dev.weakstream.retraining;

import dev.weakstream.clients.ShardCollector;
import dev.weakstream.clients.StudentFollower;
import dev.weakstream.kafka.KafkaClients;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.registry.ModelRegistry;
import dev.weakstream.registry.RegistrySettings;
import dev.weakstream.shards.LocalShardStore;
import dev.weakstream.shards.ShardStore;
import dev.weakstream.stream.PipelineApplication;
import dev.weakstream.training.TrainingProgress;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop around one running pipeline instance, as its definition asks for it:
 *
 * <ul>
 *   <li>{@code shards:} — a {@link ShardCollector} turns the labeled topic into training shards and
 *       the gold evaluation set, in a {@link LocalShardStore} under the work directory;
 *   <li>{@code student:} — a {@link StudentFollower} hot-swaps every student the registry makes
 *       ACTIVE into the running stream (and shadow-scores candidates), and rolls the active student
 *       back when its live agreement with the label model falls below {@code rollback_agreement}
 *       (on a thread of its own: a registry write may wait up to its timeout, far longer than a
 *       stream thread may stall inside an exactly-once transaction);
 *   <li>both — a {@link RetrainingSchedule} retrains, publishes and promotes students as the shards
 *       topic announces sealed shards (unless the caller drives retraining itself, see {@link
 *       #retrainNow}).
 * </ul>
 *
 * Owns these parts and closes them (not the application).
 */
public final class StudentLoop implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StudentLoop.class);

  private final ShardStore store;
  private final ShardCollector collector;
  private final StudentFollower follower;
  private final ModelRegistry registry;
  private final StudentRetraining retraining;
  private final RetrainingSchedule schedule;
  private final ExecutorService rollbacks;

  private StudentLoop(
      ShardStore store,
      ShardCollector collector,
      StudentFollower follower,
      ModelRegistry registry,
      StudentRetraining retraining,
      RetrainingSchedule schedule,
      ExecutorService rollbacks) {
    this.rollbacks = rollbacks;
    this.store = store;
    this.collector = collector;
    this.follower = follower;
    this.registry = registry;
    this.retraining = retraining;
    this.schedule = schedule;
  }

  /**
   * Starts what the pipeline declares, around a running application.
   *
   * @param clients the cluster the application runs on, and its client properties
   * @param scheduled retrain in the background as shards are sealed; false when the caller calls
   *     {@link #retrainNow} itself
   * @param collectShards false when this instance only serves the student (follows the registry)
   *     and leaves shards and retraining to the one instance that collects them: shards live in
   *     that instance's work directory
   * @param onOutcome told after every scheduled round
   */
  public static StudentLoop start(
      PipelineDefinition pipeline,
      PipelineApplication app,
      KafkaClients clients,
      Path workDir,
      MeterRegistry meters,
      boolean scheduled,
      boolean collectShards,
      Consumer<StudentRetraining.Outcome> onOutcome)
      throws IOException, InterruptedException {
    ShardStore store = null;
    ShardCollector collector = null;
    StudentFollower follower = null;
    ModelRegistry registry = null;
    StudentRetraining retraining = null;
    RetrainingSchedule schedule = null;
    ExecutorService rollbacks = null;
    try {
      if (pipeline.shards() != null && collectShards) {
        store = LocalShardStore.under(workDir, pipeline.name(), pipeline.shards());
        collector = ShardCollector.start(pipeline, pipeline.shards(), store, clients, meters);
      }
      if (pipeline.student() != null) {
        RegistrySettings settings = RegistrySettings.of(pipeline.name(), clients);
        follower =
            StudentFollower.start(
                settings,
                app.components().student(),
                pipeline.numClasses(),
                meters,
                Duration.ofSeconds(30));
        if (pipeline.student().rollbackAgreement() > 0) {
          ExecutorService executor =
              Executors.newSingleThreadExecutor(
                  task -> {
                    Thread thread =
                        new Thread(task, "weakstream-student-rollback-" + pipeline.name());
                    thread.setDaemon(true);
                    return thread;
                  });
          rollbacks = executor;
          app.components()
              .onStudentLowAgreement(
                  (name, version, agreement, window) -> {
                    try {
                      executor.execute(
                          () ->
                              StudentFollower.rollBack(
                                  settings, pipeline.name(), version, agreement));
                    } catch (RejectedExecutionException e) {
                      LOG.warn("student loop closed; not rolling back {} v{}", name, version);
                    }
                  });
        }
        if (store != null) {
          registry = ModelRegistry.open(settings);
          retraining =
              new StudentRetraining(
                  pipeline, store, registry, StudentFollower.modelName(pipeline.name()));
          if (scheduled) {
            StudentRetraining rounds = retraining;
            schedule =
                RetrainingSchedule.start(
                    pipeline,
                    clients,
                    () -> rounds.retrain(TrainingProgress.NONE),
                    meters,
                    onOutcome);
          }
        }
      }
      return new StudentLoop(store, collector, follower, registry, retraining, schedule, rollbacks);
    } catch (IOException | InterruptedException | RuntimeException e) {
      new StudentLoop(store, collector, follower, registry, retraining, schedule, rollbacks)
          .close();
      throw e;
    }
  }

  /** The shard store, or null without a {@code shards} section. */
  public ShardStore store() {
    return store;
  }

  /**
   * Trains, publishes and tries to promote a student now (needs both {@code shards} and {@code
   * student}).
   */
  public StudentRetraining.Outcome retrainNow(TrainingProgress progress) throws IOException {
    if (retraining == null) {
      throw new IllegalStateException("retraining needs both a shards and a student section");
    }
    return retraining.retrain(progress);
  }

  @Override
  public void close() {
    if (schedule != null) {
      schedule.close();
    }
    if (rollbacks != null) {
      rollbacks.shutdown();
      try {
        rollbacks.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (registry != null) {
      registry.close();
    }
    if (follower != null) {
      follower.close();
    }
    if (collector != null) {
      collector.close();
    }
  }
}
