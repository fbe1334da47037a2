package dev.weakstream.labelmodel;

import dev.weakstream.core.Labeler;
import dev.weakstream.core.MajorityVote;
import dev.weakstream.core.VoteRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Scratch: WRENCH-like unipolar sources, default vs mv over many seeds. */
@Tag("slow")
class UnipolarRobustnessCheck {

  record Data(List<VoteRow> rows, int[] gold) {}

  static Data generate(SplittableRandom r, int n, double[] prior, int[] polarity, double[] tpr, double[] fpr,
      int[] copyOf) {
    int m = polarity.length;
    List<VoteRow> rows = new ArrayList<>();
    int[] gold = new int[n];
    for (int i = 0; i < n; i++) {
      double u = r.nextDouble();
      int y = 0;
      double c = prior[0];
      while (u >= c && y < prior.length - 1) {
        y++;
        c += prior[y];
      }
      gold[i] = y;
      int[] v = new int[m];
      for (int j = 0; j < m; j++) {
        if (copyOf[j] >= 0) {
          v[j] = r.nextDouble() < 0.9 ? v[copyOf[j]] : -1;
          continue;
        }
        double p = y == polarity[j] ? tpr[j] : fpr[j];
        v[j] = r.nextDouble() < p ? polarity[j] : -1;
      }
      rows.add(VoteRow.hard(v, String.valueOf(i)));
    }
    return new Data(rows, gold);
  }

  static double score(Labeler l, Data d, Metric metric) {
    int[] p = new int[d.gold.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = l.predict(d.rows.get(i)).label();
    }
    return 100 * metric.score(d.gold, p);
  }

  @Test
  void compare() {
    String[] names = {"ds", "onecoin", "ds-classic", "ds-select"};
    for (int scenario = 0; scenario < 6; scenario++) {
      double[] sums = new double[names.length];
      int[] worse = new int[names.length];
      double mvSum = 0;
      int seeds = 15;
      for (int seed = 0; seed < seeds; seed++) {
        SplittableRandom r = new SplittableRandom(1000 * scenario + seed);
        int k = scenario < 3 ? 2 : (scenario == 3 ? 4 : 6);
        double[] prior = new double[k];
        if (scenario == 1 || scenario == 2) {
          prior[0] = 0.85;
          prior[1] = 0.15;
        } else {
          for (int c = 0; c < k; c++) {
            prior[c] = 0.5 + r.nextDouble();
          }
          double s = 0;
          for (double p : prior) s += p;
          for (int c = 0; c < k; c++) prior[c] /= s;
        }
        int m = 8 + r.nextInt(40);
        int[] polarity = new int[m];
        double[] tpr = new double[m];
        double[] fpr = new double[m];
        int[] copyOf = new int[m];
        for (int j = 0; j < m; j++) {
          polarity[j] = r.nextInt(k);
          tpr[j] = 0.05 + 0.4 * r.nextDouble();
          fpr[j] = tpr[j] * (0.02 + 0.5 * r.nextDouble()) / (k == 2 ? 1 : 2);
          copyOf[j] = (scenario == 2 || scenario == 5) && j > 0 && r.nextDouble() < 0.3 ? r.nextInt(j) : -1;
          if (copyOf[j] >= 0) polarity[j] = polarity[copyOf[j]];
        }
        Metric metric = scenario == 1 || scenario == 2 ? Metric.F1_POSITIVE : Metric.ACCURACY;
        Data train = generate(r, 4000, prior, polarity, tpr, fpr, copyOf);
        Data valid = generate(r, 300, prior, polarity, tpr, fpr, copyOf);
        Data test = generate(r, 3000, prior, polarity, tpr, fpr, copyOf);
        VoteStatistics stats = new VoteStatistics(m, k);
        train.rows.forEach(stats::update);
        DevSet dev = new DevSet(valid.rows, valid.gold, metric);
        double mv = score(new MajorityVote(k), test, metric);
        mvSum += mv;
        for (int i = 0; i < names.length; i++) {
          double s = score(LabelModelFactory.trainer(names[i]).fit(stats, dev), test, metric);
          sums[i] += s;
          worse[i] += s < mv - 1 ? 1 : 0;
        }
      }
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "scenario %d mv %.2f", scenario, mvSum / seeds));
      for (int i = 0; i < names.length; i++) {
        line.append(String.format(Locale.ROOT, " | %s %.2f (<mv-1: %d/%d)", names[i], sums[i] / seeds, worse[i], seeds));
      }
      System.out.println(line);
    }
  }
}
