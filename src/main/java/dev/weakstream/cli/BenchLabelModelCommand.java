package dev.weakstream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakstream.core.Labeler;
import dev.weakstream.core.VoteRow;
import dev.weakstream.labelmodel.DawidSkeneModel;
import dev.weakstream.labelmodel.LabelModelFactory;
import dev.weakstream.labelmodel.LabelModelTrainer;
import dev.weakstream.labelmodel.SyntheticVotes;
import dev.weakstream.labelmodel.VoteStatistics;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code weakstream bench labelmodel}: throughput of online scoring plus statistics update, refit
 * time, and accuracy recovery of the default label model on seeded synthetic votes.
 */
@Command(
    name = "labelmodel",
    mixinStandardHelpOptions = true,
    description = {
      "Stream seeded synthetic records (100 sources with known accuracies 0.55-0.95 and coverages"
          + " 0.05-0.5, 10 classes) through the default label model: single-thread records/s of"
          + " scoring + statistics update, refit seconds on those statistics (median of 3), and mean"
          + " absolute error between learned and true source accuracies.",
      "",
      "Example: weakstream bench labelmodel --json"
    })
final class BenchLabelModelCommand implements Callable<Integer> {

  private static final int CHUNK = 100_000;

  @Option(
      names = "--records",
      description = "Records in the timed stream (default ${DEFAULT-VALUE}).")
  int records = 1_000_000;

  @Option(names = "--sources", description = "Sources per record (default ${DEFAULT-VALUE}).")
  int sources = 100;

  @Option(names = "--classes", description = "Classes (default ${DEFAULT-VALUE}).")
  int classes = 10;

  @Option(names = "--seed", description = "Seed of the synthetic data (default ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    SyntheticVotes.Spec spec = SyntheticVotes.Spec.random(sources, classes, seed);
    SyntheticVotes stream = new SyntheticVotes(spec);
    LabelModelTrainer trainer = LabelModelFactory.trainer(LabelModelFactory.DEFAULT);

    // Warm-up: fit an initial model on separate records and let the JIT compile the hot path.
    VoteStatistics warm = new VoteStatistics(sources, classes);
    VoteRow[] chunk = new VoteRow[CHUNK];
    fill(stream, chunk);
    long sink = 0;
    for (VoteRow row : chunk) {
      warm.update(row);
    }
    Labeler labeler = trainer.fit(warm, null);
    for (VoteRow row : chunk) {
      sink += labeler.predict(row).label();
    }
    System.err.println("weakstream: warm-up model " + labeler.version());

    VoteStatistics stats = new VoteStatistics(sources, classes);
    long nanos = 0;
    for (int done = 0; done < records; done += CHUNK) {
      int n = Math.min(CHUNK, records - done);
      fill(stream, chunk); // generation is not timed
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        sink += labeler.predict(chunk[i]).label();
        stats.update(chunk[i]);
      }
      nanos += System.nanoTime() - start;
    }
    double scoreRps = records / (nanos / 1e9);

    double[] refit = new double[3];
    Labeler fitted = null;
    for (int r = 0; r < refit.length; r++) {
      long start = System.nanoTime();
      fitted = trainer.fit(stats, null);
      refit[r] = (System.nanoTime() - start) / 1e9;
    }
    Arrays.sort(refit);
    double[] learned = ((DawidSkeneModel) fitted).learnedAccuracy();
    double mae = 0;
    for (int j = 0; j < sources; j++) {
      mae += Math.abs(learned[j] - spec.accuracy()[j]) / sources;
    }
    System.err.println(
        "weakstream: refit model "
            + fitted.version()
            + ", "
            + stats.sampledPatterns()
            + " sampled patterns, checksum "
            + sink);

    if (json) {
      ObjectMapper mapper = new ObjectMapper();
      ObjectNode root = mapper.createObjectNode();
      root.put("score_rps", Math.round(scoreRps));
      root.put("refit_seconds", refit[1]);
      root.put("accuracy_mae", mae);
      System.out.println(mapper.writeValueAsString(root));
    } else {
      System.out.printf(
          Locale.ROOT,
          "records          %d (%d sources, %d classes, seed %d)%n",
          records,
          sources,
          classes,
          seed);
      System.out.printf(
          Locale.ROOT,
          "score_rps        %.0f records/s (score + statistics update, 1 thread)%n",
          scoreRps);
      System.out.printf(Locale.ROOT, "refit_seconds    %.3f (median of 3)%n", refit[1]);
      System.out.printf(Locale.ROOT, "accuracy_mae     %.4f%n", mae);
    }
    return 0;
  }

  private static void fill(SyntheticVotes stream, VoteRow[] chunk) {
    for (int i = 0; i < chunk.length; i++) {
      chunk[i] = stream.next().row();
    }
  }
}
