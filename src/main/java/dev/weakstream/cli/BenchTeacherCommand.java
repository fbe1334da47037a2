package dev.weakstream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakstream.bench.TeacherStreamBenchmark;
import dev.weakstream.stream.StreamTeachers;
import dev.weakstream.teacher.Device;
import dev.weakstream.teacher.OfflineGuard;
import dev.weakstream.teacher.SentenceEncoder;
import dev.weakstream.teacher.TeacherManifest;
import dev.weakstream.teacher.TeacherManifests;
import dev.weakstream.teacher.TextTokenizer;
import dev.weakstream.teacher.TokenBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code weakstream bench teacher}: sentences/s of a teacher's model, (a) the raw ONNX Runtime
 * session on pre-tokenized, length-sorted padded batches ({@code raw_rps}) and (b) tokenization +
 * inference + pooling ({@code model_rps}). The teacher inside the running stream ({@code
 * stream_rps}, and its ratio to {@code model_rps}) is measured by the stream benchmark, not here.
 */
@Command(
    name = "teacher",
    mixinStandardHelpOptions = true,
    description = {
      "Sentences/s of a teacher model: raw_rps (ONNX Runtime on pre-tokenized batches) and model_rps"
          + " (tokenize + infer + pool, no cache; median of 6 runs, 3 right before and 3 right after the stream's measured"
          + " pass), and stream_rps (the teacher in the running stream), on seeded synthetic sentences or --texts FILE (one"
          + " per line). Reports the device the model actually ran on.",
      "",
      "Example: weakstream bench teacher --json"
    })
final class BenchTeacherCommand implements Callable<Integer> {

  private static final int REPEATS = 3;

  /** Records per teacher call in the stream. */
  private static final int STREAM_BATCH = 32;

  private static final String[] WORDS =
      ("check out my channel subscribe free prize call now the movie"
              + " was great what is the capital of france who wrote this song how many people live in tokyo"
              + " please reply to this message i will be late tonight love this video so much text win cash"
              + " offer limited time click the link below when did the war end where is the nearest station")
          .split(" ");

  @Option(names = "--teacher", description = "Teacher manifest name (default ${DEFAULT-VALUE}).")
  String teacher = "minilm";

  @Option(names = "--device", description = "Override the manifest's device: cpu or cuda.")
  String device;

  @Option(names = "--threads", description = "Override intra-op threads (0 = one per core).")
  Integer threads;

  @Option(names = "--batch-size", description = "Override the manifest's batch size.")
  Integer batchSize;

  @Option(names = "--texts", paramLabel = "FILE", description = "Texts to embed, one per line.")
  Path texts;

  @Option(names = "--count", description = "Synthetic sentences (default ${DEFAULT-VALUE}).")
  int count = 2000;

  @Option(
      names = "--seed",
      description = "Seed of the synthetic sentences (default ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(
      names = "--stream-threads",
      defaultValue = "2",
      description =
          "Stream threads of the teacher pipeline (one per partition), the cores divided among them "
              + "for inference; model_parallel_rps runs the same number of threads, each with its own session "
              + "(default: ${DEFAULT-VALUE})")
  int streamThreads;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  /**
   * One encoder per thread, as the stream has one teacher call in flight per stream thread:
   * model_parallel_rps is the model in the layout the stream runs it in, so ratio_parallel isolates
   * Kafka and batching (ratio compares with the model alone on one session using every core).
   */
  private record ParallelEncoders(List<SentenceEncoder> encoders, ExecutorService pool)
      implements AutoCloseable {

    static ParallelEncoders open(TeacherManifest manifest, int threads) {
      List<SentenceEncoder> encoders = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        encoders.add(SentenceEncoder.open(manifest, 0));
      }
      return new ParallelEncoders(encoders, Executors.newFixedThreadPool(threads));
    }

    /**
     * Sentences/s embedding every sentence once, the i-th of each slice of {@code threads} on
     * thread i.
     */
    double recordsPerSecond(List<String> sentences) {
      int n = encoders.size();
      List<Future<Integer>> done = new ArrayList<>();
      long start = System.nanoTime();
      for (int t = 0; t < n; t++) {
        int slice = t;
        List<String> mine = new ArrayList<>();
        for (int i = slice; i < sentences.size(); i += n) {
          mine.add(sentences.get(i));
        }
        done.add(pool.submit(() -> encoders.get(slice).embedUncached(mine).length));
      }
      int embedded = 0;
      try {
        for (var f : done) {
          embedded += f.get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("embedding failed", e.getCause());
      }
      return embedded / ((System.nanoTime() - start) / 1e9);
    }

    @Override
    public void close() {
      pool.shutdownNow();
      encoders.forEach(SentenceEncoder::close);
    }
  }

  /** Sentences/s of one uncached pass of the encoder over every sentence. */
  private static double modelRate(SentenceEncoder encoder, List<String> sentences) {
    long start = System.nanoTime();
    encoder.embedUncached(sentences);
    return sentences.size() / ((System.nanoTime() - start) / 1e9);
  }

  /** The median of an even number of runs (sorts them). */
  private static double median(double[] runs) {
    Arrays.sort(runs);
    return (runs[runs.length / 2 - 1] + runs[runs.length / 2]) / 2;
  }

  @Override
  public Integer call() throws Exception {
    TeacherManifest manifest;
    try {
      OfflineGuard.check();
      manifest = TeacherManifests.byName(teacher);
    } catch (IllegalStateException | IllegalArgumentException e) {
      System.err.println("weakstream: " + e.getMessage());
      return 1;
    }
    if (device != null) {
      manifest = manifest.withDevice(Device.valueOf(device.toUpperCase(Locale.ROOT)));
    }
    if (batchSize != null) {
      manifest = manifest.withBatchSize(batchSize);
    }
    if (threads != null) {
      manifest = manifest.withIntraOpThreads(threads);
    }
    List<String> sentences = texts != null ? Files.readAllLines(texts) : synthetic();
    TeacherManifest perThread = StreamTeachers.forStream(manifest, streamThreads);
    try (SentenceEncoder encoder = SentenceEncoder.open(manifest, 0);
        ParallelEncoders parallel = ParallelEncoders.open(perThread, streamThreads)) {
      List<String> warm = sentences.subList(0, Math.min(64, sentences.size()));
      encoder.embedUncached(warm);
      // (a) raw session on pre-tokenized batches
      TextTokenizer.Tokens[] tokens = encoder.tokenizer().encode(sentences);
      int[] order = TokenBatch.sortedByLength(tokens);
      List<TokenBatch> batches = new ArrayList<>();
      for (int from = 0; from < order.length; from += manifest.batchSize()) {
        batches.add(
            TokenBatch.of(
                tokens, from, Math.min(order.length, from + manifest.batchSize()), order));
      }
      double[] raw = new double[REPEATS];
      long sink = 0;
      for (int r = 0; r < REPEATS; r++) {
        long start = System.nanoTime();
        for (TokenBatch batch : batches) {
          sink += encoder.session().run(batch).values().length;
        }
        raw[r] = sentences.size() / ((System.nanoTime() - start) / 1e9);
      }
      Arrays.sort(raw);
      double rawRps = raw[REPEATS / 2];
      System.err.println("weakstream: " + sentences.size() + " sentences, checksum " + sink);
      // (b) tokenize + infer + pool + normalise: the model alone, one session on all cores, and
      // with threads
      // and sessions laid out as in the stream; REPEATS runs right before the stream's measured
      // pass and
      // REPEATS right after it, interleaved, so the machine's load from other processes hits all
      // alike
      double[] model = new double[2 * REPEATS];
      double[] parallelRuns = new double[2 * REPEATS];
      int[] runs = {0};
      Runnable modelRuns =
          () -> {
            for (int r = 0; r < REPEATS; r++, runs[0]++) {
              model[runs[0]] = modelRate(encoder, sentences);
              parallelRuns[runs[0]] = parallel.recordsPerSecond(sentences);
            }
          };
      // (c) the teacher inside the running stream, on the embedded broker, same texts and manifest
      Path work = Files.createTempDirectory("weakstream-bench-teacher-");
      TeacherStreamBenchmark.Rates stream;
      try {
        stream =
            TeacherStreamBenchmark.run(
                sentences, manifest, STREAM_BATCH, streamThreads, work, modelRuns);
      } finally {
        DirectoryTree.delete(work);
      }
      double parallelRps = median(parallelRuns);
      double modelRps = median(model);
      double streamRps = stream.labeledRps();
      if (json) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("teacher", manifest.name());
        root.put("device", encoder.device().key());
        root.put("sentences", sentences.size());
        root.put("batch_size", manifest.batchSize());
        root.put("threads", manifest.effectiveThreads());
        root.put("raw_rps", Math.round(rawRps));
        root.put("model_rps", Math.round(modelRps));
        root.put("stream_rps", Math.round(streamRps));
        root.put("stream_committed_rps", Math.round(stream.committedRps()));
        root.put("stream_threads", streamThreads);
        root.put("stream_warmup_records", stream.warmUpRecords());
        root.put("threads_per_session", perThread.effectiveThreads());
        root.put("ratio", Math.round(streamRps / modelRps * 1000) / 1000.0);
        root.put("model_parallel_rps", Math.round(parallelRps));
        root.put("ratio_parallel", Math.round(streamRps / parallelRps * 1000) / 1000.0);
        System.out.println(mapper.writeValueAsString(root));
      } else {
        System.out.printf(
            Locale.ROOT,
            "teacher     %s on %s (batch %d, %d threads), %d sentences%n",
            manifest.name(),
            encoder.device().key(),
            manifest.batchSize(),
            manifest.effectiveThreads(),
            sentences.size());
        System.out.printf(
            Locale.ROOT, "raw_rps     %.0f sentences/s (ONNX Runtime, pre-tokenized)%n", rawRps);
        System.out.printf(
            Locale.ROOT, "model_rps   %.0f sentences/s (tokenize + infer + pool)%n", modelRps);
        System.out.printf(
            Locale.ROOT,
            "stream_rps  %.0f sentences/s (teacher in the stream, embedded broker)%n",
            streamRps);
        System.out.printf(Locale.ROOT, "ratio       %.3f (stream / model)%n", streamRps / modelRps);
      }
    }
    return 0;
  }

  private List<String> synthetic() {
    Random random = new Random(seed);
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int n = 4 + random.nextInt(28);
      StringBuilder s = new StringBuilder();
      for (int w = 0; w < n; w++) {
        s.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
      }
      out.add(s.toString());
    }
    return out;
  }
}
