package dev.weakstream.bench;

import dev.weakstream.core.MajorityVote;
import dev.weakstream.core.Prediction;
import dev.weakstream.core.TextRecord;
import dev.weakstream.core.VoteRow;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.training.GoldExample;
import dev.weakstream.training.SoftLabeledExample;
import dev.weakstream.training.StudentExporter;
import dev.weakstream.training.StudentKind;
import dev.weakstream.training.StudentTrainer;
import dev.weakstream.training.StudentTrainerConfig;
import dev.weakstream.training.TrainingProgress;
import java.util.ArrayList;
import java.util.List;

/**
 * Real students for the benchmarks: hashed-feature students trained on a corpus' weak labels (the
 * pipeline's LFs combined by majority vote; uncovered texts left out), selected on the texts that
 * keep their gold label (one in ten), one per seed, exported to ONNX.
 */
public final class BenchStudents {

  /** A text with its gold class id, or null. */
  public record Text(String id, String text, Integer gold) {}

  private BenchStudents() {}

  /**
   * {@code count} students, seeds 1..count, named {@code name} with versions {@code bench-<seed>}.
   */
  public static List<byte[]> train(
      PipelineDefinition pipeline, List<Text> corpus, int count, String name) {
    MajorityVote vote = new MajorityVote(pipeline.numClasses());
    List<SoftLabeledExample> train = new ArrayList<>();
    List<GoldExample> gold = new ArrayList<>();
    for (Text t : corpus) {
      if (t.gold() != null && Math.floorMod(t.id().hashCode(), 10) == 0) {
        gold.add(new GoldExample(t.id(), t.text(), null, t.gold()));
        continue;
      }
      int[] votes =
          pipeline.labelingFunctions().apply(TextRecord.of(t.id(), t.text()), (i, n, e) -> {});
      Prediction p = vote.predict(VoteRow.hard(votes, t.id()));
      if (p.covered()) {
        train.add(new SoftLabeledExample(t.id(), t.text(), p.probabilities(), null));
      }
    }
    List<String> classes = pipeline.classes().stream().map(c -> c.name()).toList();
    List<byte[]> students = new ArrayList<>();
    for (int seed = 1; seed <= count; seed++) {
      StudentTrainerConfig config =
          StudentTrainerConfig.defaults(StudentKind.HASHED).withSeed(seed);
      StudentTrainer.Result result =
          new StudentTrainer(config).train(train, gold, classes, TrainingProgress.NONE);
      students.add(StudentExporter.toOnnx(result.model(), name, "bench-" + seed));
    }
    return students;
  }
}
