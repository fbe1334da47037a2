package dev.weakstream.trust;

import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The online state behind label-error flags: for each class j, a histogram of the probability p̂_j
 * that an out-of-sample model (one that did not see the record) gives the records whose weak label
 * is j. The per-class threshold t_j is the {@code quantile}-quantile of that histogram — "as sure
 * of j as the least sure {@code quantile} of the records labelled j" — and a snapshot ({@link
 * LabelErrorDetector}) flags records with it.
 *
 * <p>This is the confident-learning threshold of Northcutt, Jiang and Chuang (JAIR 2021) with a low
 * quantile in place of their mean. Their mean suits a model trained on independent noisy labels; an
 * out-of-sample model trained on weak labels inherits the labeling functions' systematic errors and
 * is as sure of them as of the rest, so the mean is high and almost nothing clears it (on WRENCH
 * youtube, sms and trec train: 0, 0 and 267 flags; docs/trust.md). A low quantile keeps the
 * per-class correction (a rare class gets a lower bar) without demanding more confidence than the
 * model has for a typical record of that class.
 *
 * <p>Bounded state: {@value #BINS} bins per class (quantiles exact to 1/{@value #BINS}), counts
 * only, so the thresholds do not depend on the order records arrive in — offline and streaming runs
 * over the same records reach the same state. Mutable and not thread-safe: one owner observes and
 * publishes {@link #snapshot()}s. {@link #toBytes} / {@link #fromBytes} carry the exact state.
 */
public final class LabelErrorThresholds {

  /** Histogram bins per class over [0, 1]. */
  public static final int BINS = 1000;

  /**
   * The default quantile, chosen on the WRENCH valid splits (the dev stream): pooled over youtube,
   * sms and trec valid, 0.01 and 0.02 flag alike (precision 0.75 / 0.74, recall 0.76 / 0.76) and
   * 0.05 or more lose recall; 0.02 needs half the records per class (50) before its threshold
   * exists, which matters for rare classes in a stream (docs/trust.md).
   */
  public static final double DEFAULT_QUANTILE = 0.02;

  static final int MAGIC = 0x57534C45; // "WSLE"
  static final byte FORMAT_VERSION = 1;

  private final int numClasses;
  private final double quantile;
  private final long[][] counts;
  private final long[] totals;

  /** Empty thresholds for {@code numClasses} classes at the given quantile in (0, 1). */
  public LabelErrorThresholds(int numClasses, double quantile) {
    if (numClasses < 2) {
      throw new IllegalArgumentException("need >= 2 classes, got " + numClasses);
    }
    if (!(quantile > 0 && quantile < 1)) {
      throw new IllegalArgumentException("quantile must be in (0, 1), was " + quantile);
    }
    this.numClasses = numClasses;
    this.quantile = quantile;
    this.counts = new long[numClasses][BINS];
    this.totals = new long[numClasses];
  }

  /**
   * The fewest records of a class for its threshold to exist: {@code ceil(1 / quantile)}, so the
   * quantile is more than the smallest value seen.
   */
  public int minimumRecords() {
    return (int) Math.ceil(1 / quantile - 1e-9);
  }

  /**
   * Observes one record.
   *
   * @param weakLabel the record's weak label
   * @param outOfSample the out-of-sample model's probabilities for the record
   */
  public void observe(int weakLabel, double[] outOfSample) {
    double[] p = Probabilities.checked(outOfSample, numClasses, "out-of-sample probabilities");
    if (weakLabel < 0 || weakLabel >= numClasses) {
      throw new IllegalArgumentException("weak label " + weakLabel + " is not a class id");
    }
    counts[weakLabel][bin(p[weakLabel])]++;
    totals[weakLabel]++;
  }

  static int bin(double p) {
    return Math.min(BINS - 1, (int) (p * BINS));
  }

  public int numClasses() {
    return numClasses;
  }

  public double quantile() {
    return quantile;
  }

  /** Records observed with weak label {@code c}. */
  public long records(int c) {
    return totals[c];
  }

  /**
   * Threshold of class c: the lower edge of the bin holding the {@code ceil(quantile · n)}-th
   * smallest observed p̂_c, or NaN with fewer than {@link #minimumRecords()} records.
   */
  public double threshold(int c) {
    long n = totals[c];
    if (n < minimumRecords()) {
      return Double.NaN;
    }
    long rank = Math.max(1, (long) Math.ceil(quantile * n - 1e-9));
    long seen = 0;
    for (int b = 0; b < BINS; b++) {
      seen += counts[c][b];
      if (seen >= rank) {
        return (double) b / BINS;
      }
    }
    throw new IllegalStateException("histogram of class " + c + " is inconsistent");
  }

  /** An immutable detector with the thresholds as they stand. */
  public LabelErrorDetector snapshot() {
    double[] t = new double[numClasses];
    for (int c = 0; c < numClasses; c++) {
      t[c] = threshold(c);
    }
    return new LabelErrorDetector(t, version());
  }

  /** {@code thresholds-<sha256 prefix of the bytes>}. */
  public String version() {
    return StateBytes.version("thresholds", toBytes());
  }

  /** The versioned byte form: quantile, then each class's non-empty bins. */
  public byte[] toBytes() {
    return StateBytes.write(MAGIC, FORMAT_VERSION, this::writeBody);
  }

  private void writeBody(DataOutputStream out) throws IOException {
    out.writeDouble(quantile);
    out.writeInt(numClasses);
    out.writeInt(BINS);
    for (long[] classCounts : counts) {
      int nonEmpty = 0;
      for (long v : classCounts) {
        nonEmpty += v > 0 ? 1 : 0;
      }
      out.writeInt(nonEmpty);
      for (int b = 0; b < BINS; b++) {
        if (classCounts[b] > 0) {
          out.writeShort(b);
          out.writeLong(classCounts[b]);
        }
      }
    }
  }

  /** Restores thresholds from {@link #toBytes()}. */
  public static LabelErrorThresholds fromBytes(byte[] bytes) {
    return StateBytes.read(
        bytes,
        MAGIC,
        FORMAT_VERSION,
        "label-error thresholds",
        in -> {
          double quantile = in.readDouble();
          int k = in.readInt();
          StateBytes.checkCount(k, 1 << 16, "classes");
          int bins = in.readInt();
          if (bins != BINS) {
            throw new IllegalArgumentException(
                "label-error thresholds with " + bins + " bins, expected " + BINS);
          }
          LabelErrorThresholds t = new LabelErrorThresholds(k, quantile);
          for (int c = 0; c < k; c++) {
            int nonEmpty = in.readInt();
            StateBytes.checkCount(nonEmpty, BINS, "non-empty bins");
            for (int i = 0; i < nonEmpty; i++) {
              int b = in.readShort();
              long v = in.readLong();
              if (b < 0 || b >= BINS || v <= 0 || t.counts[c][b] != 0) {
                throw new IllegalArgumentException("bad bin " + b + " count " + v);
              }
              t.counts[c][b] = v;
              t.totals[c] += v;
            }
          }
          return t;
        });
  }
}
