package dev.weakstream.retraining;

import dev.weakstream.avro.ShardKind;
import dev.weakstream.avro.ShardManifest;
import dev.weakstream.clients.ShardAnnouncements;
import dev.weakstream.kafka.KafkaClients;
import dev.weakstream.kafka.PipelineTopics;
import dev.weakstream.kafka.TopicReader;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.pipeline.StudentDefinition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs retraining rounds in the background as the pipeline's shards topic announces sealed training
 * shards: after every {@code retrain_every_shards} newly announced ones, and every {@code
 * retrain_interval_seconds} when at least one new one arrived. The trigger is the topic, not the
 * local store, so a trainer can run as a process of its own once it reads a shared {@code
 * ShardStore}. Re-announcements of a shard (announcements are at-least-once) count once, and a
 * shard retention deleted (a tombstone) no longer counts. One round at a time, on the schedule's
 * own thread; a failed round is logged and counted, and the next trigger tries again.
 *
 * <p>Meters: {@code weakstream.student.retrain.rounds{outcome=promoted|kept|failed}} and {@code
 * weakstream.student.retrain.duration}.
 *
 * <p>Owns its thread and its reader of the shards topic; {@link #close()} stops and closes them.
 */
public final class RetrainingSchedule implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RetrainingSchedule.class);

  /** Longest wait for announcements between two checks of the time trigger. */
  private static final Duration POLL = Duration.ofMillis(500);

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** Wait after a failed round before the next try, so a lasting failure does not spin. */
  private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  /** One retraining round (read shards, train, export, publish, promote). */
  @FunctionalInterface
  public interface Round {
    StudentRetraining.Outcome run() throws Exception;
  }

  private final Round round;
  private final StudentDefinition student;
  private final TopicReader<String, ShardManifest> announcements;
  private final ShardAnnouncements shards = new ShardAnnouncements();
  private final Consumer<StudentRetraining.Outcome> onOutcome;
  private final Counter promoted;
  private final Counter kept;
  private final Counter failed;
  private final Timer duration;
  private final Thread thread;
  private final Set<String> trainedOn = new HashSet<>();
  private volatile boolean stopping;
  private long lastRoundNanos = System.nanoTime();
  private long retryAtNanos = System.nanoTime();

  private RetrainingSchedule(
      Round round,
      StudentDefinition student,
      TopicReader<String, ShardManifest> announcements,
      MeterRegistry meters,
      String pipeline,
      Consumer<StudentRetraining.Outcome> onOutcome) {
    this.round = round;
    this.student = student;
    this.announcements = announcements;
    this.onOutcome = onOutcome;
    this.promoted = rounds(meters, pipeline, "promoted");
    this.kept = rounds(meters, pipeline, "kept");
    this.failed = rounds(meters, pipeline, "failed");
    this.duration =
        Timer.builder("weakstream.student.retrain.duration")
            .description(
                "Time of one retraining round: read shards, train, export, publish, promote")
            .tag("pipeline", pipeline)
            .register(meters);
    this.thread = new Thread(this::loop, "weakstream-retraining-" + pipeline);
    this.thread.setDaemon(true);
  }

  private static Counter rounds(MeterRegistry meters, String pipeline, String outcome) {
    return Counter.builder("weakstream.student.retrain.rounds")
        .description(
            "Retraining rounds by outcome: promoted (the candidate became active), kept (the gate kept "
                + "the active student), failed")
        .tag("pipeline", pipeline)
        .tag("outcome", outcome)
        .register(meters);
  }

  /**
   * Starts following the pipeline's shards topic from its beginning (it must exist: the pipeline
   * creates it) and retraining as its {@code student} section asks.
   *
   * @param round what one round does
   * @param onOutcome told after every successful round (on the schedule's thread)
   */
  public static RetrainingSchedule start(
      PipelineDefinition pipeline,
      KafkaClients clients,
      Round round,
      MeterRegistry meters,
      Consumer<StudentRetraining.Outcome> onOutcome) {
    if (pipeline.student() == null) {
      throw new IllegalArgumentException("pipeline " + pipeline.name() + " has no student section");
    }
    TopicReader<String, ShardManifest> announcements =
        TopicReader.open(
            clients,
            "weakstream-retraining-" + pipeline.name(),
            List.of(PipelineTopics.of(pipeline).shards()),
            Map.of(),
            TIMEOUT,
            TopicReader.Undecodable.SKIP);
    RetrainingSchedule schedule =
        new RetrainingSchedule(
            round, pipeline.student(), announcements, meters, pipeline.name(), onOutcome);
    schedule.thread.start();
    return schedule;
  }

  /** True when the shards announced since the last round call for a new one. */
  static boolean due(StudentDefinition student, int newShards, Duration sinceLastRound) {
    if (newShards == 0) {
      return false;
    }
    boolean byCount = student.retrainEveryShards() > 0 && newShards >= student.retrainEveryShards();
    boolean byTime =
        student.retrainInterval() != null
            && !student.retrainInterval().isZero()
            && sinceLastRound.compareTo(student.retrainInterval()) >= 0;
    return byCount || byTime;
  }

  private void loop() {
    try {
      while (!stopping) {
        announcements.poll(POLL, shards::apply);
        List<String> announced = shards.ids(ShardKind.TRAINING);
        int fresh = (int) announced.stream().filter(id -> !trainedOn.contains(id)).count();
        long now = System.nanoTime();
        if (now - retryAtNanos >= 0
            && due(student, fresh, Duration.ofNanos(now - lastRoundNanos))) {
          round(announced);
        }
      }
    } catch (WakeupException e) {
      if (!stopping) {
        LOG.error("retraining schedule woken up while running; it stops", e);
      }
    } catch (RuntimeException e) {
      if (!stopping) {
        LOG.error("retraining schedule stopped: cannot follow the shards topic", e);
      }
    } finally {
      announcements.close();
    }
  }

  /** Runs a round; the announced shards count as trained on once it succeeds. */
  private void round(List<String> announced) {
    lastRoundNanos = System.nanoTime();
    StudentRetraining.Outcome outcome;
    try {
      outcome = duration.recordCallable(round::run);
    } catch (Exception e) {
      if (stopping) {
        return;
      }
      failed.increment();
      retryAtNanos = System.nanoTime() + RETRY_AFTER.toNanos();
      LOG.error("retraining round failed: {}", e.toString());
      return;
    }
    trainedOn.addAll(announced);
    (outcome.decision().promoted() ? promoted : kept).increment();
    LOG.info(
        "student v{} trained on {} rows of {} shards in {} s: {}",
        outcome.release().getVersion(),
        outcome.trainRows(),
        outcome.shards(),
        String.format(Locale.ROOT, "%.1f", outcome.trainSeconds()),
        outcome.decision().reason());
    onOutcome.accept(outcome);
  }

  @Override
  public void close() {
    stopping = true;
    announcements.wakeup();
    thread.interrupt();
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
