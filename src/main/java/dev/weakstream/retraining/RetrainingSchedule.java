package dev.weakstream.retraining;

import dev.weakstream.pipeline.StudentDefinition;
import dev.weakstream.training.TrainingProgress;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link StudentRetraining} in the background inside {@code weakstream run}: after every
 * {@code retrain_every_shards} newly sealed training shards, and every {@code
 * retrain_interval_seconds} when at least one new shard arrived. One round at a time, on its own
 * thread; a failed round is logged and counted, and the next trigger tries again.
 *
 * <p>Meters: {@code weakstream.student.retrain.rounds{outcome=promoted|kept|failed}} and {@code
 * weakstream.student.retrain.duration}.
 */
public final class RetrainingSchedule implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RetrainingSchedule.class);

  private final StudentRetraining retraining;
  private final StudentDefinition student;
  private final Duration poll;
  private final Consumer<StudentRetraining.Outcome> onOutcome;
  private final Counter promoted;
  private final Counter kept;
  private final Counter failed;
  private final Timer duration;
  private final Thread thread;
  private final Set<String> trainedOn = new HashSet<>();
  private volatile boolean stopping;
  private long lastRoundNanos = System.nanoTime();

  private RetrainingSchedule(
      StudentRetraining retraining,
      StudentDefinition student,
      Duration poll,
      MeterRegistry meters,
      String pipeline,
      Consumer<StudentRetraining.Outcome> onOutcome) {
    this.retraining = retraining;
    this.student = student;
    this.poll = poll;
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
   * Starts the schedule.
   *
   * @param poll how often to look for new shards
   * @param onOutcome told after every successful round (on the schedule's thread)
   */
  public static RetrainingSchedule start(
      StudentRetraining retraining,
      StudentDefinition student,
      Duration poll,
      MeterRegistry meters,
      String pipeline,
      Consumer<StudentRetraining.Outcome> onOutcome) {
    RetrainingSchedule schedule =
        new RetrainingSchedule(retraining, student, poll, meters, pipeline, onOutcome);
    schedule.thread.start();
    return schedule;
  }

  /** True when the shards sealed since the last round call for a new one. */
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
    while (!stopping) {
      try {
        Thread.sleep(poll.toMillis());
        Set<String> sealed = retraining.sealedShardIds();
        Set<String> fresh = new HashSet<>(sealed);
        fresh.removeAll(trainedOn);
        if (due(student, fresh.size(), Duration.ofNanos(System.nanoTime() - lastRoundNanos))) {
          round(sealed);
        }
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        failed.increment();
        LOG.error("retraining round failed: {}", e.toString());
      }
    }
  }

  private void round(Set<String> sealed) throws Exception {
    lastRoundNanos = System.nanoTime();
    StudentRetraining.Outcome outcome =
        duration.recordCallable(() -> retraining.retrain(TrainingProgress.NONE));
    trainedOn.addAll(sealed);
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
    thread.interrupt();
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
