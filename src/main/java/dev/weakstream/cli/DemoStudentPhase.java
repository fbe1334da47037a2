package dev.weakstream.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakstream.avro.LabeledRecord;
import dev.weakstream.avro.ShardKind;
import dev.weakstream.clients.PipelineOutputReader;
import dev.weakstream.kafka.KafkaClients;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.pipeline.ShardPolicy;
import dev.weakstream.retraining.StudentLoop;
import dev.weakstream.retraining.StudentRetraining;
import dev.weakstream.stream.PipelineApplication;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The demo's middle act: once the first part of the stream is labeled and sealed into shards, train
 * a student on them, publish and promote it, and wait until the running pipeline serves it;
 * afterwards, report what it did to the rest of the stream.
 */
final class DemoStudentPhase {

  /** The student trained and published, and the teacher's counters when it was swapped in. */
  record Result(
      StudentRetraining.Outcome outcome, double teacherRecordsBefore, double studentSkipsBefore) {}

  /** The student's effect on the records after the swap. */
  record Summary(
      Result result,
      double swapMillis,
      long scored,
      double heldOutAccuracy,
      long heldOutScored,
      double teacherRecords,
      double studentSkips) {

    void toJson(ObjectNode node) {
      StudentRetraining.Outcome o = result.outcome();
      node.put("name", o.release().getName().toString());
      node.put("version", o.release().getVersion());
      node.put("kind", o.training().model().kind());
      node.put("trained_on_records", o.trainRows());
      node.put("shards", o.shards());
      node.put("gold_rows", o.goldRows());
      node.put("gold_accuracy", round2(100 * o.training().goldAccuracy()));
      node.put("train_seconds", round2(o.trainSeconds()));
      node.put("promoted", o.decision().promoted());
      node.put("promotion", o.decision().reason());
      node.put("swap_ms", Math.round(swapMillis));
      node.put("records_scored", scored);
      node.put("accuracy_held_out", round2(100 * heldOutAccuracy));
      node.put("teacher_records_after_swap", Math.round(teacherRecords));
      node.put("teacher_calls_saved", Math.round(studentSkips));
    }

    String toText() {
      StudentRetraining.Outcome o = result.outcome();
      return String.format(
          Locale.ROOT,
          """
            student %s v%d (%s features): trained on %,d weak labels from %d shards in %.1f s,
              gold accuracy %.2f%% on %d dev-stream records; %s: %s
              hot-swapped into the running stream %.0f ms after its release; it scored the %,d later records,
              %.2f%% accuracy on the %,d of them with held-out gold
              teacher: %,.0f records sent after the swap, %,.0f calls saved where the student was confident and
              agreed with the LFs
            """,
          o.release().getName(),
          o.release().getVersion(),
          o.training().model().kind(),
          o.trainRows(),
          o.shards(),
          o.trainSeconds(),
          100 * o.training().goldAccuracy(),
          o.goldRows(),
          o.decision().promoted() ? "promoted" : "not promoted",
          o.decision().reason(),
          swapMillis,
          scored,
          100 * heldOutAccuracy,
          heldOutScored,
          teacherRecords,
          studentSkips);
    }
  }

  private DemoStudentPhase() {}

  /** The policy with shards sealed at the latest {@code age} after their first record. */
  static ShardPolicy sealingWithin(ShardPolicy p, Duration age) {
    return new ShardPolicy(
        p.minConfidence(),
        p.dropUncovered(),
        p.perClassCap(),
        p.sealRecords(),
        age,
        p.retainShards(),
        p.retainAge());
  }

  static Result run(
      PipelineDefinition pipeline,
      PipelineApplication app,
      StudentLoop loop,
      KafkaClients clients,
      MeterRegistry meters,
      long produced,
      Duration timeout,
      Consumer<String> step)
      throws Exception {
    step.accept(
        "waiting until the first "
            + produced
            + " comments are labeled and sealed into training shards");
    new PipelineOutputReader(pipeline, clients)
        .readUntil(produced, timeout, Duration.ofMillis(200), n -> {});
    long deadline = System.nanoTime() + timeout.toNanos();
    while (sum(meters, "weakstream.shards.records.admitted")
                + sum(meters, "weakstream.shards.records.skipped")
            < app.metrics().recordsLabeled()
        || sealedRecords(loop) < sum(meters, "weakstream.shards.records.admitted")) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("shards not sealed within " + timeout);
      }
      Thread.sleep(200);
    }
    step.accept(
        "training a student on "
            + (long) sealedRecords(loop)
            + " records in "
            + loop.store().manifests(ShardKind.TRAINING).size()
            + " training shards");
    StudentRetraining.Outcome outcome;
    try (TrainingProgressBar bar = new TrainingProgressBar("training (epochs)")) {
      outcome = loop.retrainNow(bar);
    }
    step.accept(
        String.format(
            Locale.ROOT,
            "published %s v%d: %s",
            outcome.release().getName(),
            outcome.release().getVersion(),
            outcome.decision().reason()));
    while (outcome.decision().promoted() && !app.components().student().students().hasActive()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the promoted student was not swapped in within " + timeout);
      }
      Thread.sleep(20);
    }
    double teacherRecords = sum(meters, "weakstream.teacher.records");
    double skips = skips(meters);
    step.accept("student serving; streaming the rest of the comments");
    return new Result(outcome, teacherRecords, skips);
  }

  static Summary summarise(
      Result result,
      PipelineOutputReader.Output output,
      Map<String, Integer> heldOut,
      MeterRegistry meters) {
    long scored = 0;
    long heldOutScored = 0;
    long correct = 0;
    for (LabeledRecord r : output.labeled()) {
      if (r.getStudentLabel() == null) {
        continue;
      }
      scored++;
      Integer gold = heldOut.get(r.getId().toString());
      if (gold != null) {
        heldOutScored++;
        correct += r.getStudentLabel().equals(gold) ? 1 : 0;
      }
    }
    // measured from the release to the first record the student scored, which came after run()
    // returned
    Timer firstUse = meters.find("weakstream.student.swap.first.use").timer();
    return new Summary(
        result,
        firstUse == null ? Double.NaN : firstUse.max(TimeUnit.MILLISECONDS),
        scored,
        heldOutScored == 0 ? Double.NaN : (double) correct / heldOutScored,
        heldOutScored,
        sum(meters, "weakstream.teacher.records") - result.teacherRecordsBefore(),
        skips(meters) - result.studentSkipsBefore());
  }

  private static double sealedRecords(StudentLoop loop) throws IOException {
    double n = 0;
    for (var kind : ShardKind.values()) {
      for (var m : loop.store().manifests(kind)) {
        n += m.getRecordCount();
      }
    }
    return n;
  }

  private static double skips(MeterRegistry meters) {
    return meters.find("weakstream.teacher.skips").tag("reason", "student").counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private static double sum(MeterRegistry meters, String name) {
    return meters.find(name).counters().stream().mapToDouble(Counter::count).sum();
  }

  private static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
