package dev.weakstream.bench;

import dev.weakstream.avro.ModelRelease;
import dev.weakstream.clients.StudentFollower;
import dev.weakstream.kafka.EmbeddedKafkaBroker;
import dev.weakstream.kafka.PipelineTopics;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.registry.ModelRegistry;
import dev.weakstream.registry.RegistrySettings;
import dev.weakstream.stream.PipelineApplication;
import dev.weakstream.stream.PipelineComponents;
import dev.weakstream.stream.StreamsSettings;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Hot-swapping students under load: the pipeline runs as {@code instances} application instances on
 * the embedded broker, fed at a steady rate; after a steady phase, new student versions are
 * published to the model registry and promoted one by one while records flow. Reports lost and
 * duplicated records (every produced id must come out of the labeled topic exactly once), the time
 * from each promotion to the new version's first use on every instance, and throughput and p99
 * end-to-end latency in the seconds after swaps relative to the steady phase, all measured in this
 * one run.
 */
public final class HotSwapBenchmark {

  /** What one run measured. */
  public record Result(
      long produced,
      long lost,
      long duplicated,
      double swapMillisMax,
      List<Double> swapMillis,
      double steadyRps,
      double swapRps,
      double steadyP99Millis,
      double swapP99Millis,
      int swaps,
      int instances,
      String versionsSeen) {
    public double throughputRatio() {
      return swapRps / steadyRps;
    }

    public double p99Ratio() {
      return swapP99Millis / steadyP99Millis;
    }
  }

  /** Timing of a run. */
  public record Plan(
      double rate,
      Duration warmUp,
      Duration steady,
      Duration betweenSwaps,
      Duration swapWindow,
      Duration drain) {
    public static Plan defaults() {
      return new Plan(
          500,
          Duration.ofSeconds(5),
          Duration.ofSeconds(10),
          Duration.ofSeconds(3),
          Duration.ofSeconds(2),
          Duration.ofSeconds(60));
    }
  }

  private final PipelineDefinition pipeline;
  private final List<String> texts;
  private final List<byte[]> students;
  private final int instances;
  private final Plan plan;

  /**
   * @param pipeline a pipeline with a {@code student} section
   * @param students exported ONNX students: the first is active before the run, each later one is
   *     published and promoted during it
   */
  public HotSwapBenchmark(
      PipelineDefinition pipeline,
      List<String> texts,
      List<byte[]> students,
      int instances,
      Plan plan) {
    if (pipeline.student() == null) {
      throw new IllegalArgumentException("pipeline " + pipeline.name() + " has no student section");
    }
    if (students.size() < 2) {
      throw new IllegalArgumentException("need an initial student and at least one to swap in");
    }
    this.pipeline = pipeline;
    this.texts = List.copyOf(texts);
    this.students = List.copyOf(students);
    this.instances = instances;
    this.plan = plan;
  }

  public Result run(Path workDir, Consumer<String> log) throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(workDir.resolve("kafka"), 0)) {
      String bootstrap = broker.bootstrapServers();
      RegistrySettings registrySettings = RegistrySettings.of(pipeline.name(), broker.clients());
      String name = StudentFollower.modelName(pipeline.name());
      List<Instance> running = new ArrayList<>();
      try (ModelRegistry registry = ModelRegistry.open(registrySettings)) {
        ModelRelease first =
            registry.publish(name, students.get(0), Map.of(), Map.of("bench", "hotswap"), null);
        registry.forcePromote(name, first.getVersion(), "initial student of the benchmark");
        for (int i = 0; i < instances; i++) {
          running.add(Instance.start(pipeline, registrySettings, workDir.resolve("instance-" + i)));
        }
        log.accept(instances + " instances running, student v" + first.getVersion() + " active");
        try (SteadyRateProducer producer =
                new SteadyRateProducer(pipeline, bootstrap, texts, plan.rate(), "hotswap");
            LabeledRecordTracker tracker =
                new LabeledRecordTracker(broker.clients(), PipelineTopics.of(pipeline).labeled())) {
          tracker.start();
          producer.start();
          sleep(plan.warmUp());
          long steadyFrom = System.currentTimeMillis();
          sleep(plan.steady());
          long steadyTo = System.currentTimeMillis();
          log.accept(
              String.format(
                  Locale.ROOT,
                  "steady: %.0f records/s in, %.0f out",
                  plan.rate(),
                  tracker.rate(steadyFrom, steadyTo)));
          List<Double> swapMillis = new ArrayList<>();
          List<long[]> windows = new ArrayList<>();
          int parent = first.getVersion();
          for (int s = 1; s < students.size(); s++) {
            ModelRelease release =
                registry.publish(
                    name, students.get(s), Map.of(), Map.of("bench", "hotswap"), parent);
            long[] before = running.stream().mapToLong(Instance::firstUses).toArray();
            double[] totals = running.stream().mapToDouble(Instance::firstUseMillisTotal).toArray();
            long swapAt = System.currentTimeMillis();
            registry.forcePromote(name, release.getVersion(), "benchmark swap " + s);
            sleep(plan.swapWindow());
            windows.add(new long[] {swapAt, swapAt + plan.swapWindow().toMillis()});
            for (int i = 0; i < running.size(); i++) {
              Instance instance = running.get(i);
              if (instance.firstUses() != before[i] + 1) {
                throw new IllegalStateException(
                    "instance "
                        + i
                        + " did not start using v"
                        + release.getVersion()
                        + " within "
                        + plan.swapWindow());
              }
              swapMillis.add(instance.firstUseMillisTotal() - totals[i]);
            }
            log.accept(
                "swapped in v"
                    + release.getVersion()
                    + ": first use after "
                    + swapMillis
                        .subList(swapMillis.size() - running.size(), swapMillis.size())
                        .stream()
                        .map(m -> String.format(Locale.ROOT, "%.0f ms", m))
                        .toList());
            parent = release.getVersion();
            sleep(plan.betweenSwaps().minus(plan.swapWindow()));
          }
          producer.stop();
          long produced = producer.sent();
          long deadline = System.currentTimeMillis() + plan.drain().toMillis();
          while (tracker.distinct() < produced && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
          }
          Thread.sleep(1_000); // let any duplicate that would follow arrive
          double swapRps = 0;
          long swapMillisTotal = 0;
          for (long[] w : windows) {
            swapRps += tracker.rate(w[0], w[1]) * (w[1] - w[0]);
            swapMillisTotal += w[1] - w[0];
          }
          swapRps /= swapMillisTotal;
          return new Result(
              produced,
              tracker.lost(produced),
              tracker.duplicated(),
              swapMillis.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
              swapMillis,
              tracker.rate(steadyFrom, steadyTo),
              swapRps,
              tracker.p99LatencyMillis(steadyFrom, steadyTo),
              p99Over(tracker, windows),
              students.size() - 1,
              instances,
              tracker.studentVersions());
        }
      } finally {
        running.forEach(Instance::close);
      }
    }
  }

  private static double p99Over(LabeledRecordTracker tracker, List<long[]> windows) {
    double worst = 0;
    for (long[] w : windows) {
      worst = Math.max(worst, tracker.p99LatencyMillis(w[0], w[1]));
    }
    return worst;
  }

  /** One application instance: its streams client, its student follower and its own meters. */
  private record Instance(
      PipelineApplication app, StudentFollower follower, SimpleMeterRegistry meters)
      implements AutoCloseable {

    static Instance start(
        PipelineDefinition pipeline, RegistrySettings registrySettings, Path stateDir)
        throws InterruptedException {
      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      StreamsSettings settings =
          StreamsSettings.defaults("bench-hotswap", registrySettings.clients(), stateDir)
              .withStreamThreads(1);
      PipelineApplication app =
          PipelineApplication.start(
              PipelineComponents.assemble(pipeline, settings, meters), Duration.ofMinutes(2));
      StudentFollower follower =
          StudentFollower.start(
              registrySettings,
              app.components().student(),
              pipeline.numClasses(),
              meters,
              Duration.ofSeconds(30));
      return new Instance(app, follower, meters);
    }

    private Timer firstUse() {
      return meters.find("weakstream.student.swap.first.use").timer();
    }

    long firstUses() {
      Timer timer = firstUse();
      return timer == null ? 0 : timer.count();
    }

    double firstUseMillisTotal() {
      Timer timer = firstUse();
      return timer == null ? 0 : timer.totalTime(TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
      follower.close();
      app.close();
    }
  }

  private static void sleep(Duration d) throws InterruptedException {
    if (!d.isNegative() && !d.isZero()) {
      Thread.sleep(d.toMillis());
    }
  }
}
