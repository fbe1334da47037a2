package dev.weakstream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weakstream.bench.BenchStudents;
import dev.weakstream.bench.HotSwapBenchmark;
import dev.weakstream.bench.StudentServingBenchmark;
import dev.weakstream.bench.StudentTrainingBenchmark;
import dev.weakstream.clients.StudentFollower;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.pipeline.PipelineLoader;
import dev.weakstream.pipeline.StudentDefinition;
import dev.weakstream.stream.StreamTeachers;
import dev.weakstream.student.OnnxStudent;
import dev.weakstream.teacher.OfflineGuard;
import dev.weakstream.teacher.SentenceEncoder;
import dev.weakstream.teacher.TeacherManifest;
import dev.weakstream.teacher.TeacherManifests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code weakstream bench hotswap}: student hot-swaps under load, and what a student costs to
 * serve.
 */
@Command(
    name = "hotswap",
    mixinStandardHelpOptions = true,
    description = {
      "Run the youtube-spam pipeline (LFs + student) as two instances on the embedded broker at a steady"
          + " input rate, publish and promote new student versions through the model registry while records"
          + " flow, and report lost and duplicated records, release-to-first-use time on every instance,"
          + " and throughput and p99 latency after swaps relative to the steady phase. Also reports the"
          + " student's training time on 100,000 records and serving records/s per thread of the student"
          + " (hashed features, ONNX Runtime) and of the default teacher (MiniLM).",
      "",
      "Example: weakstream bench hotswap --json"
    })
final class BenchHotswapCommand implements Callable<Integer> {

  private static final String CORPUS = "datasets/youtube-spam-collection";

  @Option(
      names = "--swaps",
      defaultValue = "5",
      description = "Student versions published during the run (default: ${DEFAULT-VALUE}).")
  int swaps;

  @Option(
      names = "--instances",
      defaultValue = "2",
      description = "Pipeline instances (default: ${DEFAULT-VALUE}).")
  int instances;

  @Option(
      names = "--rate",
      defaultValue = "500",
      description = "Input records per second (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--train-records",
      defaultValue = "100000",
      description = "Records for the training-time measurement (default: ${DEFAULT-VALUE}).")
  int trainRecords;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    OfflineGuard.check(); // the teacher's tokenizer is loaded for teacher_rps
    Path work = Files.createTempDirectory("weakstream-bench-hotswap-");
    try {
      Path topology = BundledFiles.extract("topology", work.resolve("topology"));
      Path corpus = BundledFiles.extract(CORPUS, work.resolve("corpus"));
      PipelineDefinition pipeline =
          PipelineLoader.load(topology.resolve("youtube-spam.yaml"))
              .withoutTeachers()
              .withStudent(StudentDefinition.defaults());
      List<BenchStudents.Text> texts = corpusTexts(corpus, pipeline);
      List<String> plain = texts.stream().map(BenchStudents.Text::text).toList();
      String name = StudentFollower.modelName(pipeline.name());

      log("training " + (swaps + 1) + " students on the YouTube corpus' weak labels");
      List<byte[]> students = BenchStudents.train(pipeline, texts, swaps + 1, name);
      log("timing training on " + trainRecords + " records");
      double trainSeconds = StudentTrainingBenchmark.secondsFor(trainRecords, 42L);
      log("serving records/s per thread: student vs teacher");
      double studentRps;
      try (OnnxStudent student = OnnxStudent.open(students.get(0), 1, pipeline.numClasses())) {
        studentRps =
            StudentServingBenchmark.recordsPerSecond(
                student, plain, StudentServingBenchmark.DEFAULT_BATCH, 3_000);
      }
      double teacherRps = teacherRecordsPerSecond(plain);

      log(
          "hot-swap run: "
              + instances
              + " instances at "
              + rate
              + " records/s, "
              + swaps
              + " swaps");
      HotSwapBenchmark.Result r =
          new HotSwapBenchmark(
                  pipeline,
                  plain,
                  students,
                  instances,
                  new HotSwapBenchmark.Plan(
                      rate,
                      Duration.ofSeconds(5),
                      Duration.ofSeconds(10),
                      Duration.ofSeconds(3),
                      Duration.ofSeconds(2),
                      Duration.ofSeconds(60)))
              .run(work.resolve("run"), BenchHotswapCommand::log);

      Map<String, Object> out = new LinkedHashMap<>();
      out.put("lost", r.lost());
      out.put("duplicated", r.duplicated());
      out.put("swap_ms_max", Math.round(r.swapMillisMax()));
      out.put("throughput_ratio", round3(r.throughputRatio()));
      out.put("p99_ratio", round3(r.p99Ratio()));
      out.put("student_train_seconds", round3(trainSeconds));
      out.put("student_rps", Math.round(studentRps));
      out.put("teacher_rps", Math.round(teacherRps));
      out.put("student_teacher_ratio", Math.round(studentRps / teacherRps * 10) / 10.0);
      out.put("records", r.produced());
      out.put("rate", rate);
      out.put("instances", r.instances());
      out.put("swaps", r.swaps());
      out.put("swap_ms", r.swapMillis().stream().map(Math::round).toList());
      out.put("steady_rps", Math.round(r.steadyRps()));
      out.put("swap_rps", Math.round(r.swapRps()));
      out.put("steady_p99_ms", Math.round(r.steadyP99Millis()));
      out.put("swap_p99_ms", Math.round(r.swapP99Millis()));
      out.put("train_records", trainRecords);
      if (json) {
        System.out.println(new ObjectMapper().writeValueAsString(out));
      } else {
        out.forEach((k, v) -> System.out.printf(Locale.ROOT, "%-22s %s%n", k, v));
      }
      return r.lost() == 0 && r.duplicated() == 0 ? 0 : 1;
    } finally {
      DirectoryTree.delete(work);
    }
  }

  /** Sentences/s of the default teacher on one thread (tokenize + infer + pool, no cache). */
  private static double teacherRecordsPerSecond(List<String> texts) {
    TeacherManifest manifest =
        StreamTeachers.forStream(TeacherManifests.byName("minilm"), 1).withIntraOpThreads(1);
    List<String> sample = texts.subList(0, Math.min(600, texts.size()));
    try (SentenceEncoder encoder = SentenceEncoder.open(manifest, 0)) {
      encoder.embedUncached(sample.subList(0, 32));
      long start = System.nanoTime();
      encoder.embedUncached(sample);
      return sample.size() / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static List<BenchStudents.Text> corpusTexts(Path corpus, PipelineDefinition pipeline)
      throws Exception {
    var fields = pipeline.input().fields();
    return BundledFiles.csvRows(corpus).stream()
        .map(
            row -> {
              String gold = row.get(fields.goldLabel());
              return new BenchStudents.Text(
                  row.get(fields.id()),
                  row.get(fields.text()),
                  gold == null ? null : pipeline.classId(gold).orElse(null));
            })
        .toList();
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static void log(String message) {
    System.err.println("weakstream bench hotswap: " + message);
  }
}
