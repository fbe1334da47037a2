package dev.weakstream.clients;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakstream.avro.DeadLetter;
import dev.weakstream.avro.LabeledRecord;
import dev.weakstream.core.Labeler;
import dev.weakstream.core.LfAnalysis;
import dev.weakstream.core.VoteRow;
import dev.weakstream.pipeline.PipelineDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A summary of what a pipeline wrote: records in, labeled and dead-lettered; class distribution; LF
 * analysis (coverage, overlap, conflict, accuracy against gold labels); overall accuracy on records
 * with a gold label and coverage. Rates are percentages, as WRENCH reports them.
 */
public record LabelingReport(
    String pipeline,
    long recordsIn,
    long recordsLabeled,
    long recordsDeadLettered,
    Map<String, Long> classDistribution,
    Map<String, Long> deadLetterReasons,
    String combiner,
    double accuracy,
    long goldRecords,
    double coverage,
    double overlap,
    double conflict,
    List<LfAnalysis.LfSummary> lfs) {

  public static LabelingReport of(
      PipelineDefinition pipeline, long recordsIn, PipelineOutputReader.Output output) {
    return of(pipeline, recordsIn, output, Map.of());
  }

  /**
   * @param heldOutGold gold labels kept out of the stream (by record id), used for scoring only,
   *     next to the gold labels records carried
   */
  public static LabelingReport of(
      PipelineDefinition pipeline,
      long recordsIn,
      PipelineOutputReader.Output output,
      Map<String, Integer> heldOutGold) {
    List<LabeledRecord> labeled = output.labeled();
    Map<String, Long> classes = new LinkedHashMap<>();
    pipeline.classes().forEach(c -> classes.put(c.name(), 0L));
    Map<String, Long> reasons = new TreeMap<>();
    for (DeadLetter letter : output.deadLetters()) {
      reasons.merge(letter.getReason().name(), 1L, Long::sum);
    }
    List<String> names = pipeline.sourceNames();
    LfAnalysis analysis = new LfAnalysis(names, pipeline.numClasses());
    long gold = 0;
    long correct = 0;
    String combiner = "";
    Map<String, Long> combiners = new TreeMap<>();
    for (LabeledRecord r : labeled) {
      classes.merge(pipeline.className(r.getLabel()), 1L, Long::sum);
      Integer truth = r.getGoldLabel() != null ? r.getGoldLabel() : heldOutGold.get(r.getId());
      analysis.add(r.getVotes().stream().mapToInt(Integer::intValue).toArray(), truth);
      if (truth != null) {
        gold++;
        if (truth == r.getLabel()) {
          correct++;
        }
      }
      combiners.merge(r.getCombinerName() + " " + r.getCombinerVersion(), 1L, Long::sum);
    }
    Map<String, long[]> byName = new TreeMap<>();
    combiners.forEach(
        (nameVersion, count) -> {
          long[] c =
              byName.computeIfAbsent(
                  nameVersion.substring(0, nameVersion.indexOf(' ')), k -> new long[2]);
          c[0] += count;
          c[1]++;
        });
    combiner =
        byName.entrySet().stream()
            .map(
                e ->
                    String.format(
                        "%s %,d records (%d version%s)",
                        e.getKey(),
                        e.getValue()[0],
                        e.getValue()[1],
                        e.getValue()[1] == 1 ? "" : "s"))
            .collect(Collectors.joining(", "));
    return new LabelingReport(
        pipeline.name(),
        recordsIn,
        labeled.size(),
        output.deadLetters().size(),
        classes,
        reasons,
        combiner,
        gold == 0 ? Double.NaN : 100.0 * correct / gold,
        gold,
        100 * analysis.coverage(),
        100 * analysis.overlap(),
        100 * analysis.conflict(),
        analysis.summaries());
  }

  /**
   * Accuracy in percent of {@code labeler} re-scoring the votes of every labeled record against the
   * gold labels (carried or held out) — to compare combiners on exactly the same votes.
   */
  public static double accuracy(
      Labeler labeler, PipelineOutputReader.Output output, Map<String, Integer> heldOutGold) {
    long gold = 0;
    long correct = 0;
    for (LabeledRecord r : output.labeled()) {
      Integer truth = r.getGoldLabel() != null ? r.getGoldLabel() : heldOutGold.get(r.getId());
      if (truth == null) {
        continue;
      }
      int[] votes = r.getVotes().stream().mapToInt(Integer::intValue).toArray();
      gold++;
      if (labeler.predict(VoteRow.hard(votes, r.getId())).label() == truth) {
        correct++;
      }
    }
    return gold == 0 ? Double.NaN : 100.0 * correct / gold;
  }

  /** The report as one JSON object (keys in snake_case; LF rates in percent). */
  public ObjectNode toJson(ObjectMapper json) {
    ObjectNode root = json.createObjectNode();
    root.put("pipeline", pipeline);
    root.put("records_in", recordsIn);
    root.put("records_labeled", recordsLabeled);
    root.put("records_dead_lettered", recordsDeadLettered);
    root.put("combiner", combiner);
    root.put("accuracy", round(accuracy));
    root.put("gold_records", goldRecords);
    root.put("coverage", round(coverage));
    root.put("overlap", round(overlap));
    root.put("conflict", round(conflict));
    ObjectNode dist = root.putObject("class_distribution");
    classDistribution.forEach(dist::put);
    ObjectNode dlq = root.putObject("dead_letter_reasons");
    deadLetterReasons.forEach(dlq::put);
    ArrayNode lfArray = root.putArray("lfs");
    for (LfAnalysis.LfSummary lf : lfs) {
      ObjectNode o = lfArray.addObject();
      o.put("name", lf.name());
      ArrayNode polarity = o.putArray("polarity");
      lf.polarity().forEach(polarity::add);
      o.put("coverage", round(100 * lf.coverage()));
      o.put("overlap", round(100 * lf.overlap()));
      o.put("conflict", round(100 * lf.conflict()));
      if (Double.isNaN(lf.accuracy())) {
        o.putNull("accuracy");
      } else {
        o.put("accuracy", round(100 * lf.accuracy()));
      }
    }
    return root;
  }

  /** The report as a readable text block. */
  public String toText(PipelineDefinition definition) {
    StringBuilder s = new StringBuilder();
    s.append(String.format("Pipeline %s, labeled by %s%n", pipeline, combiner));
    s.append(
        String.format(
            "  records in %,d   labeled %,d   dead-lettered %,d%s%n",
            recordsIn,
            recordsLabeled,
            recordsDeadLettered,
            deadLetterReasons.isEmpty() ? "" : " " + deadLetterReasons));
    s.append("  labels:");
    classDistribution.forEach(
        (k, v) ->
            s.append(
                String.format(
                    "  %s %,d (%.1f%%)",
                    k, v, recordsLabeled == 0 ? 0.0 : 100.0 * v / recordsLabeled)));
    s.append(
        String.format(
            "%n  accuracy %.2f%% on %,d gold records   coverage %.2f%%   overlap %.2f%%   conflict %.2f%%%n%n",
            accuracy, goldRecords, coverage, overlap, conflict));
    s.append(
        String.format(
            "  %-26s %-10s %9s %9s %9s %9s%n",
            "labeling function", "polarity", "coverage", "overlap", "conflict", "accuracy"));
    for (LfAnalysis.LfSummary lf : lfs) {
      String polarity =
          String.join(",", lf.polarity().stream().map(definition::className).toList());
      s.append(
          String.format(
              "  %-26s %-10s %8.2f%% %8.2f%% %8.2f%% %9s%n",
              lf.name(),
              polarity,
              100 * lf.coverage(),
              100 * lf.overlap(),
              100 * lf.conflict(),
              Double.isNaN(lf.accuracy()) ? "-" : String.format("%.2f%%", 100 * lf.accuracy())));
    }
    return s.toString();
  }

  private static double round(double v) {
    return Double.isNaN(v) ? v : Math.round(v * 100) / 100.0;
  }
}
