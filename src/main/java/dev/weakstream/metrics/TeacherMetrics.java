package dev.weakstream.metrics;

import dev.weakstream.teacher.TeacherCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Meters of a teacher in the stream: model calls and the records they labeled, batch size, call
 * latency, the time records waited for their batch, records not sent to the teacher by reason
 * (covered, confident, rate_limit, not_ready, cached), cache hits and misses, and the device it
 * runs on ({@code weakstream.teacher.device{device=cpu|cuda} = 1}). Thread-safe; does not own the
 * registry.
 */
public final class TeacherMetrics {

  private final MeterRegistry registry;
  private final String pipeline;
  private final String teacher;
  private final Counter calls;
  private final Counter records;
  private final DistributionSummary batchSize;
  private final Timer latency;
  private final Timer queueWait;
  private final Map<String, Counter> skips = new ConcurrentHashMap<>();

  public TeacherMetrics(
      MeterRegistry registry,
      String pipeline,
      String teacher,
      String device,
      Supplier<TeacherCache> cache) {
    this.registry = registry;
    this.pipeline = pipeline;
    this.teacher = teacher;
    calls =
        Counter.builder("weakstream.teacher.calls")
            .description("Teacher model calls (one per batch)")
            .tags("pipeline", pipeline, "teacher", teacher)
            .register(registry);
    records =
        Counter.builder("weakstream.teacher.records")
            .description("Records labeled by a teacher call")
            .tags("pipeline", pipeline, "teacher", teacher)
            .register(registry);
    batchSize =
        DistributionSummary.builder("weakstream.teacher.batch.size")
            .description("Records per teacher call")
            .tags("pipeline", pipeline, "teacher", teacher)
            .register(registry);
    latency =
        Timer.builder("weakstream.teacher.latency")
            .description("Duration of a teacher call")
            .tags("pipeline", pipeline, "teacher", teacher)
            .publishPercentileHistogram()
            .register(registry);
    queueWait =
        Timer.builder("weakstream.teacher.queue.wait")
            .description("Time a record waited for its batch")
            .tags("pipeline", pipeline, "teacher", teacher)
            .publishPercentileHistogram()
            .register(registry);
    FunctionCounter.builder("weakstream.teacher.cache.hits", cache, c -> c.get().hits())
        .description("Teacher outputs served from the cache")
        .tags("pipeline", pipeline, "teacher", teacher)
        .register(registry);
    FunctionCounter.builder("weakstream.teacher.cache.misses", cache, c -> c.get().misses())
        .description("Teacher cache look-ups that missed")
        .tags("pipeline", pipeline, "teacher", teacher)
        .register(registry);
    Gauge.builder("weakstream.teacher.device", () -> 1)
        .description("The device the teacher runs on")
        .tags("pipeline", pipeline, "teacher", teacher, "device", device)
        .register(registry);
  }

  public void called(int batch, long nanos) {
    calls.increment();
    records.increment(batch);
    batchSize.record(batch);
    latency.record(nanos, TimeUnit.NANOSECONDS);
  }

  public void waited(long millis) {
    queueWait.record(Math.max(0, millis), TimeUnit.MILLISECONDS);
  }

  public void skipped(String reason) {
    skips
        .computeIfAbsent(
            reason,
            r ->
                Counter.builder("weakstream.teacher.skips")
                    .description("Records labeled without the teacher, by reason")
                    .tags("pipeline", pipeline, "teacher", teacher, "reason", r)
                    .register(registry))
        .increment();
  }
}
