package dev.weakstream.wrench;

import dev.weakstream.avro.ExternalVote;
import dev.weakstream.avro.RawRecord;
import dev.weakstream.core.LabelingFunction;
import dev.weakstream.core.LabelingFunctionSet;
import dev.weakstream.labelmodel.Metric;
import dev.weakstream.labelmodel.VoteStatistics;
import dev.weakstream.pipeline.ClassDefinition;
import dev.weakstream.pipeline.FieldMapping;
import dev.weakstream.pipeline.InputDefinition;
import dev.weakstream.pipeline.InputFormat;
import dev.weakstream.pipeline.LabelModelDefinition;
import dev.weakstream.pipeline.OutputDefinition;
import dev.weakstream.pipeline.PipelineDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The pipeline a WRENCH dataset streams through: no labeling functions of its own; the dataset's LF
 * votes arrive as external votes of the declared sources {@code lf_0 … lf_(m-1)}, and the
 * pipeline's default label model learns from them exactly as {@link WrenchEvaluation} does offline
 * (same statistics capacity, same dev-set metric), so both paths give the same numbers.
 */
public final class WrenchPipeline {

  private WrenchPipeline() {}

  /** Name of a WRENCH source (labeling function) by position. */
  public static String sourceName(int j) {
    return "lf_" + j;
  }

  /**
   * A WRENCH row as a raw record: id = its position in the split (WRENCH's tie-break key), source
   * {@code wrench/<dataset>/<split>}, its LF votes as external votes, its gold label only if asked.
   */
  public static RawRecord rawRecord(
      WrenchDataset data, WrenchDataset.Split split, WrenchDataset.Row row, boolean withGold) {
    List<ExternalVote> votes = new ArrayList<>();
    for (int j = 0; j < row.weakLabels().length; j++) {
      if (row.weakLabels()[j] != LabelingFunction.ABSTAIN) {
        votes.add(new ExternalVote(sourceName(j), row.weakLabels()[j], null));
      }
    }
    return RawRecord.newBuilder()
        .setId(String.valueOf(row.index()))
        .setEventTime(Instant.now())
        .setSource("wrench/" + data.name() + "/" + split.name())
        .setText(row.text())
        .setGoldLabel(withGold && row.label() != WrenchDataset.UNKNOWN_LABEL ? row.label() : null)
        .setExternalVotes(votes)
        .build();
  }

  /**
   * The pipeline for {@code data}; refits on {@code refitInterval} and whenever all of train is in.
   */
  public static PipelineDefinition of(WrenchDataset data, Duration refitInterval) {
    String name = "wrench-" + data.name();
    List<ClassDefinition> classes = new ArrayList<>();
    for (int c = 0; c < data.numClasses(); c++) {
      classes.add(new ClassDefinition(c, data.classNames().get(c), ""));
    }
    Metric metric = WrenchMetrics.forDataset(data.name());
    int capacity = Math.max(VoteStatistics.DEFAULT_CAPACITY, data.train().size());
    LabelModelDefinition labelModel =
        new LabelModelDefinition(
            LabelModelDefinition.DEFAULT_NAME,
            data.train().size(),
            refitInterval,
            0,
            capacity,
            metric,
            500);
    return new PipelineDefinition(
        Path.of(name + ".yaml"),
        name,
        classes,
        new InputDefinition(name, InputFormat.AVRO, FieldMapping.defaults(), 1_000_000),
        new OutputDefinition(name + "-labeled", name + "-dead-letters", 2),
        new LabelingFunctionSet(
            List.of(), data.numClasses(), name + "-" + data.numSources() + "-sources"),
        IntStream.range(0, data.numSources()).mapToObj(WrenchPipeline::sourceName).toList(),
        labelModel);
  }
}
