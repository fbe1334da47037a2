package dev.weakstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weakstream.avro.ShardKind;
import dev.weakstream.avro.ShardManifest;
import dev.weakstream.avro.TrainingExample;
import dev.weakstream.core.MajorityVote;
import dev.weakstream.core.Prediction;
import dev.weakstream.core.TextRecord;
import dev.weakstream.core.VoteRow;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.pipeline.PipelineLoader;
import dev.weakstream.pipeline.YoutubeSpamCorpus;
import dev.weakstream.shards.LocalShardStore;
import dev.weakstream.shards.ShardWriter;
import dev.weakstream.student.OnnxStudent;
import dev.weakstream.student.StudentMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code weakstream train --no-publish} on shards written by the real shard writer into a work
 * directory (no broker): the YouTube corpus weakly labeled by the pipeline's own LFs (majority
 * vote) as training shards, one comment in five kept with its gold label as the evaluation set.
 */
class TrainCommandTest {

  private static final String PIPELINE = "topology/youtube-spam.yaml";

  @TempDir Path workDir;

  private static CommandLineRun run(String... args) {
    return CommandLineRun.of(args);
  }

  @Test
  void trainsOnTheSealedShardsPrintsTheEvaluationAndWritesALoadableOnnxModel() throws Exception {
    PipelineDefinition pipeline = PipelineLoader.load(Path.of(PIPELINE));
    LocalShardStore store = LocalShardStore.under(workDir, pipeline.name(), pipeline.shards());
    List<YoutubeSpamCorpus.Comment> gold = writeShards(pipeline, store);
    List<ShardManifest> training = store.manifests(ShardKind.TRAINING);
    long trainRows = training.stream().mapToLong(ShardManifest::getRecordCount).sum();
    assertThat(training).hasSizeGreaterThan(1);
    Path output = workDir.resolve("student.onnx");

    CommandLineRun r =
        run(
            "train",
            PIPELINE,
            "--work-dir",
            workDir.toString(),
            "--no-publish",
            "--output",
            output.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            String.format(
                "trained a hashed student on %,d rows from %d shards", trainRows, training.size()));
    Matcher evaluation =
        Pattern.compile("gold evaluation set \\((\\d+) rows\\): accuracy ([0-9.]+)%, F1 ([0-9.]+)%")
            .matcher(r.out());
    assertThat(evaluation.find()).as(r.out()).isTrue();
    assertThat(Integer.parseInt(evaluation.group(1))).isEqualTo(gold.size());
    assertThat(r.out()).contains("wrote " + output).doesNotContain("published");

    byte[] onnx = Files.readAllBytes(output);
    try (OnnxStudent student = OnnxStudent.open(onnx, 1, pipeline.numClasses())) {
      StudentMetadata metadata = student.metadata();
      assertThat(metadata.name()).isEqualTo("youtube-spam-student");
      assertThat(metadata.version()).isEqualTo("local");
      assertThat(metadata.classNames()).containsExactly("HAM", "SPAM");
      assertThat(Set.of(metadata.provenance().get("shards").split(",")))
          .isEqualTo(
              training.stream().map(m -> m.getShardId().toString()).collect(Collectors.toSet()));
      // the written model is the evaluated one: its accuracy on the evaluation set is the one
      // printed
      double[][] p = student.predict(gold.stream().map(YoutubeSpamCorpus.Comment::record).toList());
      long correct = 0;
      for (int i = 0; i < p.length; i++) {
        correct += (p[i][1] > p[i][0] ? 1 : 0) == gold.get(i).gold() ? 1 : 0;
      }
      double accuracy = 100.0 * correct / gold.size();
      assertThat(accuracy).isCloseTo(Double.parseDouble(evaluation.group(2)), Offset.offset(0.006));
      assertThat(accuracy)
          .as("a student of the LFs' weak labels beats chance on real comments")
          .isGreaterThan(70);
    }
  }

  @Test
  void withoutShardsAndStudentSectionsItFailsWithOneLine() {
    CommandLineRun r =
        run(
            "train",
            "src/test/resources/pipelines/valid.yaml",
            "--work-dir",
            workDir.toString(),
            "--no-publish");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines().findFirst().orElseThrow())
        .isEqualTo(
            "weakstream: pipeline test-pipeline needs both a"
                + " 'shards:' and a 'student:' section to train a student (see topology/README.md)");
  }

  @Test
  void withNothingSealedYetItSaysSo() {
    CommandLineRun r = run("train", PIPELINE, "--work-dir", workDir.toString(), "--no-publish");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().lines().findFirst().orElseThrow())
        .isEqualTo("weakstream: no training rows yet in 0 sealed shards of youtube-spam");
  }

  /**
   * Weakly labels the corpus with the pipeline's LFs (majority vote, uncovered left out) into
   * training shards of the pipeline's {@code seal_records}; every fifth comment keeps its gold
   * label and goes to the evaluation set instead. Returns those gold comments.
   */
  private static List<YoutubeSpamCorpus.Comment> writeShards(
      PipelineDefinition pipeline, LocalShardStore store) throws Exception {
    MajorityVote vote = new MajorityVote(pipeline.numClasses());
    List<YoutubeSpamCorpus.Comment> gold = new ArrayList<>();
    Instant eventTime = Instant.parse("2015-01-01T00:00:00Z");
    try (ShardWriter trainingShard =
            new ShardWriter(
                pipeline.name(),
                ShardKind.TRAINING,
                0,
                2,
                pipeline.shards(),
                store.stagingDirectory(),
                Clock.systemUTC());
        ShardWriter evaluationShard =
            new ShardWriter(
                pipeline.name(),
                ShardKind.EVALUATION,
                0,
                2,
                pipeline.shards(),
                store.stagingDirectory(),
                Clock.systemUTC())) {
      long offset = 0;
      for (YoutubeSpamCorpus.Comment c : YoutubeSpamCorpus.readAll()) {
        TextRecord record = c.record();
        int[] votes = pipeline.labelingFunctions().apply(record, (i, n, e) -> {});
        Prediction p = vote.predict(VoteRow.hard(votes, record.id()));
        boolean isGold = offset % 5 == 0;
        TrainingExample example =
            TrainingExample.newBuilder()
                .setId(record.id())
                .setText(record.text())
                .setProbabilities(Arrays.stream(p.probabilities()).boxed().toList())
                .setLabel(p.label())
                .setConfidence(p.confidence())
                .setCovered(p.covered())
                .setVotes(Arrays.stream(votes).boxed().toList())
                .setLfSetVersion(pipeline.labelingFunctions().version())
                .setCombinerName("mv")
                .setCombinerVersion("1")
                .setSourcePartition(0)
                .setSourceOffset(offset)
                .setEventTime(eventTime.plusSeconds(offset))
                .setGoldLabel(isGold ? c.gold() : null)
                .build();
        if (isGold) {
          evaluationShard.append(example, offset);
          gold.add(c);
        } else if (p.covered()) {
          trainingShard.append(example, offset);
          if (trainingShard.isDue(Instant.now())) {
            store.seal(trainingShard.seal());
          }
        }
        offset++;
      }
      store.seal(trainingShard.seal());
      store.seal(evaluationShard.seal());
    }
    return gold;
  }
}
