package dev.weakstream.labelmodel;

import dev.weakstream.core.Labeler;
import dev.weakstream.core.VoteRow;
import java.util.List;

/**
 * A small gold-labelled set used only to choose hyper-parameters (never to fit parameters), with
 * the metric to choose by.
 */
public record DevSet(List<VoteRow> rows, int[] gold, Metric metric) {

  public DevSet {
    rows = List.copyOf(rows);
    gold = gold.clone();
    if (rows.size() != gold.length || rows.isEmpty()) {
      throw new IllegalArgumentException(
          "a dev set needs one gold label per row, at least one row");
    }
  }

  @Override
  public int[] gold() {
    return gold.clone();
  }

  /** Class frequencies of the gold labels with add-one smoothing. */
  public double[] classBalance(int numClasses) {
    double[] balance = new double[numClasses];
    for (int g : gold) {
      balance[g] += 1;
    }
    for (int c = 0; c < numClasses; c++) {
      balance[c] = (balance[c] + 1) / (gold.length + numClasses);
    }
    return balance;
  }

  /** The metric of a labeler's labels on this set. */
  public double score(Labeler labeler) {
    int[] predicted = new int[rows.size()];
    for (int i = 0; i < predicted.length; i++) {
      predicted[i] = labeler.predict(rows.get(i)).label();
    }
    return metric.score(gold, predicted);
  }
}
