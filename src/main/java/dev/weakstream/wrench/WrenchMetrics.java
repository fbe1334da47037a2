package dev.weakstream.wrench;

import dev.weakstream.labelmodel.Metric;
import java.util.Locale;
import java.util.Set;

/**
 * Which metric WRENCH reports for a dataset — the one table of that knowledge.
 *
 * <p>WRENCH reports F1 of class 1 for the binary tasks with a rare positive class (sms, spouse,
 * cdr, census, basketball, tennis, commercial) and accuracy elsewhere. An unknown dataset gets
 * accuracy, also when binary: F1 of class 1 is only meaningful when class 1 is the rare positive
 * class, which a folder does not declare (WRENCH's binary youtube, imdb and yelp use accuracy).
 */
public final class WrenchMetrics {

  private static final Set<String> F1_DATASETS =
      Set.of("sms", "spouse", "cdr", "census", "basketball", "tennis", "commercial");

  private WrenchMetrics() {}

  /** The headline metric of a dataset, by its folder name. */
  public static Metric forDataset(String name) {
    return F1_DATASETS.contains(name.toLowerCase(Locale.ROOT))
        ? Metric.F1_POSITIVE
        : Metric.ACCURACY;
  }

  /** The key of a metric in reports: {@code accuracy} or {@code f1}. */
  public static String key(Metric metric) {
    return metric.key();
  }
}
