package dev.weakstream.bench;

import dev.weakstream.core.LabelingFunction;
import dev.weakstream.core.LabelingFunctionSet;
import dev.weakstream.core.TextRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Microseconds per record of a pipeline's labeling functions, in process: the whole set as the
 * stream applies it (keyword and lexicon functions voted in one shared pass, see {@link
 * LabelingFunctionSet}), and each function on its own. Every application gets a fresh {@link
 * TextRecord}, so the text views a function asks for (lower-cased, normalized, tokens) are part of
 * its cost, as in the stream; a function that throws counts as an abstain, as in the stream.
 *
 * <p>Rounds measure the set and then each function; warm-up rounds are discarded, and each figure
 * is the median of the measured rounds, so a slow spell of a shared machine moves it little.
 */
public final class LabelingFunctionBenchmark {

  /**
   * @param setMicros the set as the stream applies it, per record
   * @param functionMicros each function alone, per record, in vote order
   */
  public record Result(int records, double setMicros, Map<String, Double> functionMicros) {
    /** The functions applied one by one: the sum of their own costs. */
    public double oneByOneMicros() {
      return functionMicros.values().stream().mapToDouble(Double::doubleValue).sum();
    }
  }

  private final LabelingFunctionSet functions;
  private final List<TextRecord> records;

  /** Votes summed into a field, so the compiler cannot drop the work it measures. */
  private long checksum;

  public LabelingFunctionBenchmark(LabelingFunctionSet functions, List<TextRecord> records) {
    if (records.isEmpty()) {
      throw new IllegalArgumentException("no records to apply the labeling functions to");
    }
    this.functions = functions;
    this.records = List.copyOf(records);
  }

  /**
   * @param repeat passes over the records per measurement
   */
  public Result run(int warmupRounds, int rounds, int repeat) {
    if (rounds < 1 || repeat < 1 || warmupRounds < 0) {
      throw new IllegalArgumentException(
          "rounds and repeat must be at least 1, warm-up rounds at least 0");
    }
    List<LabelingFunction> each = functions.functions();
    double[][] lfMicros = new double[each.size()][rounds];
    double[] setMicros = new double[rounds];
    for (int round = -warmupRounds; round < rounds; round++) {
      double set = microsPerRecord(repeat, this::applySet);
      double[] own = new double[each.size()];
      for (int j = 0; j < each.size(); j++) {
        LabelingFunction function = each.get(j);
        own[j] = microsPerRecord(repeat, record -> applyAlone(function, record));
      }
      if (round >= 0) {
        setMicros[round] = set;
        for (int j = 0; j < own.length; j++) {
          lfMicros[j][round] = own[j];
        }
      }
    }
    Map<String, Double> byFunction = new LinkedHashMap<>();
    for (int j = 0; j < each.size(); j++) {
      byFunction.put(each.get(j).name(), median(lfMicros[j]));
    }
    return new Result(records.size(), median(setMicros), byFunction);
  }

  private double microsPerRecord(int repeat, ToIntFunction<TextRecord> apply) {
    List<TextRecord> fresh = new ArrayList<>(records.size());
    long sum = 0;
    long nanos = 0;
    for (int r = 0; r < repeat; r++) {
      fresh.clear();
      for (TextRecord record : records) {
        fresh.add(new TextRecord(record.id(), record.text(), record.attributes()));
      }
      long start = System.nanoTime();
      for (TextRecord record : fresh) {
        sum += apply.applyAsInt(record);
      }
      nanos += System.nanoTime() - start;
    }
    checksum += sum;
    return nanos / 1_000.0 / ((long) repeat * records.size());
  }

  private int applySet(TextRecord record) {
    int[] votes = functions.apply(record, LabelingFunctionSet.FaultListener.IGNORE);
    int sum = 0;
    for (int vote : votes) {
      sum += vote;
    }
    return sum;
  }

  private static int applyAlone(LabelingFunction function, TextRecord record) {
    try {
      return function.apply(record);
    } catch (RuntimeException e) {
      return LabelingFunction.ABSTAIN;
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
