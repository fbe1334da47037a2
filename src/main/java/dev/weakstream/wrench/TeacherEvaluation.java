package dev.weakstream.wrench;

import dev.weakstream.core.Prediction;
import dev.weakstream.core.VoteRow;
import dev.weakstream.labelmodel.DevSet;
import dev.weakstream.labelmodel.Metric;
import dev.weakstream.labelmodel.TeacherWeightedSelection;
import dev.weakstream.labelmodel.VoteStatistics;
import dev.weakstream.teacher.ClassificationHead;
import dev.weakstream.teacher.FewShotHead;
import dev.weakstream.teacher.SentenceEncoder;
import dev.weakstream.teacher.ZeroShotHead;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluates a sentence-embedding teacher on a {@link WrenchDataset} with WRENCH's protocol: the
 * zero-shot head (class descriptions, {@link ClassDescriptions}, similarities centred on the
 * unlabelled train texts), the few-shot head (fitted ONLY on the train rows listed in {@code
 * labeled_ids.json}, with their gold labels), and {@code combined}: the labeling functions plus the
 * teacher's soft votes through the default label model ({@link TeacherWeightedSelection}): fitted
 * on train votes without gold, selected on valid, scored on every test row. The teacher's votes on
 * the labelled train rows are the few-shot head's out-of-fold probabilities, so no label model sees
 * a vote fitted to that row's own gold.
 *
 * <p>Every text is embedded once per run (the encoder caches by text). Stateless and thread-safe;
 * the caller owns the encoder.
 */
public final class TeacherEvaluation {

  private TeacherEvaluation() {}

  /**
   * The teacher's results plus what was chosen and measured, and what a student trains on: the
   * {@code combined} model's predictions on every train row (soft labels, no gold) and the
   * embeddings; and the combined model's predictions on valid and test, which its trust
   * measurements calibrate on and score.
   */
  public record Result(
      Map<String, WrenchEvaluation.ModelResult> results,
      String device,
      double embedSeconds,
      int texts,
      String detail,
      Prediction[] combinedTrain,
      Embeddings embeddings,
      Prediction[] combinedValid,
      Prediction[] combinedTest) {}

  /** The teacher's embedding of every row of each split, in split order. */
  public record Embeddings(float[][] train, float[][] valid, float[][] test) {}

  /**
   * Runs the evaluation.
   *
   * @param fewShot whether to fit the few-shot head on {@code labeled_ids}; the combined model then
   *     uses the few-shot teacher, else the zero-shot one
   */
  public static Result evaluate(
      WrenchDataset data, SentenceEncoder encoder, boolean fewShot, long seed) {
    Metric metric = WrenchMetrics.forDataset(data.name());
    int k = data.numClasses();
    long start = System.nanoTime();
    float[][] train = encoder.embed(texts(data.train()));
    float[][] valid = encoder.embed(texts(data.valid()));
    float[][] test = encoder.embed(texts(data.test()));
    double embedSeconds = (System.nanoTime() - start) / 1e9;
    Map<String, WrenchEvaluation.ModelResult> results = new LinkedHashMap<>();
    StringBuilder detail = new StringBuilder();

    List<Integer> labeled = new ArrayList<>();
    if (fewShot) {
      for (WrenchDataset.Row r : data.train().rows()) {
        if (data.labeledIds().contains(r.id()) && r.label() != WrenchDataset.UNKNOWN_LABEL) {
          labeled.add(r.index());
        }
      }
      if (labeled.size() < 2
          || labeled.stream().map(i -> data.train().rows().get(i).label()).distinct().count() < 2) {
        // e.g. a dataset whose labeled_ids rows carry no gold: the zero-shot teacher is all there
        // is
        System.err.println(
            "weakstream: "
                + data.name()
                + ": labeled_ids has "
                + labeled.size()
                + " gold train rows of fewer than 2 classes; no few-shot head, combined uses zero-shot");
        labeled.clear();
        fewShot = false;
      }
    }
    float[][] goldX = new float[labeled.size()][];
    int[] goldY = new int[labeled.size()];
    for (int i = 0; i < goldX.length; i++) {
      goldX[i] = train[labeled.get(i)];
      goldY[i] = data.train().rows().get(labeled.get(i)).label();
    }

    ZeroShotHead zeroShot =
        new ZeroShotHead(
            encoder.embedUncached(ClassDescriptions.of(data.classNames())),
            ZeroShotHead.DEFAULT_TEMPERATURE);
    // centred on the train texts (no gold): on valid +5.0 acc youtube, +3.0 acc trec, -2.5 F1 sms
    zeroShot = zeroShot.centred(train);
    if (fewShot) {
      zeroShot = zeroShot.calibrated(goldX, goldY);
    }
    results.put("teacher_zeroshot", score("teacher_zeroshot", zeroShot, valid, test, data));
    detail.append("zero-shot temperature ").append(String.format("%.4f", zeroShot.temperature()));

    ClassificationHead teacher = zeroShot;
    double[][] trainVotes = probabilities(zeroShot, train);
    if (fewShot) {
      FewShotHead head = FewShotHead.fit(goldX, goldY, k, seed);
      results.put("teacher_fewshot", score("teacher_fewshot", head, valid, test, data));
      detail.append(
          String.format(
              "; few-shot on %d labeled_ids rows: lambda %.0e, temperature %.3f",
              goldX.length, head.lambda(), head.temperature()));
      teacher = head;
      trainVotes = probabilities(head, train);
      double[][] oof = head.outOfFoldProbabilities();
      if (oof != null) {
        for (int i = 0; i < oof.length; i++) {
          trainVotes[labeled.get(i)] = oof[i];
        }
      }
    }

    int m = data.numSources();
    VoteStatistics stats =
        new VoteStatistics(
            m + 1,
            k,
            Math.max(VoteStatistics.DEFAULT_CAPACITY, data.train().size()),
            0,
            VoteStatistics.DEFAULT_SEED);
    List<WrenchDataset.Row> trainRows = data.train().rows();
    for (int i = 0; i < trainRows.size(); i++) {
      stats.update(withTeacher(trainRows.get(i), trainVotes[i]));
    }
    List<VoteRow> validRows = withTeacher(data.valid(), probabilities(teacher, valid));
    List<VoteRow> testRows = withTeacher(data.test(), probabilities(teacher, test));
    DevSet dev = new DevSet(validRows, data.valid().gold(), metric);
    TeacherWeightedSelection.Outcome outcome = new TeacherWeightedSelection().fit(stats, dev, m);
    results.put(
        "combined",
        WrenchEvaluation.score(
            "combined",
            outcome.labeler(),
            validRows,
            testRows,
            data,
            "teacher weight "
                + outcome.weight()
                + ", prior shift "
                + outcome.priorShift()
                + ", "
                + outcome.config()));
    detail
        .append("; combined: teacher weight ")
        .append(outcome.weight())
        .append(", prior shift ")
        .append(outcome.priorShift())
        .append(" (valid ");
    outcome
        .candidates()
        .forEach(
            c ->
                detail.append(
                    String.format(
                        Locale.ROOT, "w=%s,b=%s:%.4f ", c.weight(), c.priorShift(), c.devScore())));
    detail.append(")");
    Prediction[] combinedTrain = new Prediction[trainRows.size()];
    for (int i = 0; i < combinedTrain.length; i++) {
      combinedTrain[i] = outcome.labeler().predict(withTeacher(trainRows.get(i), trainVotes[i]));
    }
    return new Result(
        results,
        encoder.device().key(),
        embedSeconds,
        data.train().size() + data.valid().size() + data.test().size(),
        detail.toString(),
        combinedTrain,
        new Embeddings(train, valid, test),
        predict(outcome.labeler(), validRows),
        predict(outcome.labeler(), testRows));
  }

  private static Prediction[] predict(dev.weakstream.core.Labeler labeler, List<VoteRow> rows) {
    Prediction[] out = new Prediction[rows.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = labeler.predict(rows.get(i));
    }
    return out;
  }

  private static List<String> texts(WrenchDataset.Split split) {
    return split.rows().stream().map(WrenchDataset.Row::text).toList();
  }

  private static double[][] probabilities(ClassificationHead head, float[][] x) {
    double[][] p = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      p[i] = head.probabilities(x[i]);
    }
    return p;
  }

  private static WrenchEvaluation.ModelResult score(
      String name, ClassificationHead head, float[][] valid, float[][] test, WrenchDataset data) {
    boolean binary = data.numClasses() == 2;
    int[] vp = argmax(probabilities(head, valid));
    int[] tp = argmax(probabilities(head, test));
    int[] vg = data.valid().gold();
    int[] tg = data.test().gold();
    return new WrenchEvaluation.ModelResult(
        name,
        head.version(),
        Metric.ACCURACY.score(vg, vp),
        binary ? Metric.F1_POSITIVE.score(vg, vp) : null,
        Metric.ACCURACY.score(tg, tp),
        binary ? Metric.F1_POSITIVE.score(tg, tp) : null,
        "");
  }

  private static int[] argmax(double[][] p) {
    int[] out = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      int best = 0;
      for (int c = 1; c < p[i].length; c++) {
        if (p[i][c] > p[i][best]) {
          best = c;
        }
      }
      out[i] = best;
    }
    return out;
  }

  /** The row's LF votes plus the teacher's soft vote as the last source. */
  static VoteRow withTeacher(WrenchDataset.Row row, double[] teacher) {
    int m = row.weakLabels().length;
    int[] votes = Arrays.copyOf(row.weakLabels(), m + 1);
    int best = 0;
    for (int c = 1; c < teacher.length; c++) {
      if (teacher[c] > teacher[best]) {
        best = c;
      }
    }
    votes[m] = best;
    double[][] soft = new double[m + 1][];
    soft[m] = teacher;
    return new VoteRow(votes, soft, String.valueOf(row.index()));
  }

  private static List<VoteRow> withTeacher(WrenchDataset.Split split, double[][] teacher) {
    List<VoteRow> rows = new ArrayList<>(split.size());
    for (int i = 0; i < split.size(); i++) {
      rows.add(withTeacher(split.rows().get(i), teacher[i]));
    }
    return rows;
  }
}
