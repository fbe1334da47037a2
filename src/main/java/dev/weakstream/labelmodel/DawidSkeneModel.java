package dev.weakstream.labelmodel;

import dev.weakstream.core.Labeler;
import dev.weakstream.core.LabelingFunction;
import dev.weakstream.core.Prediction;
import dev.weakstream.core.TieBreak;
import dev.weakstream.core.VoteRow;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A fitted Dawid–Skene label model: class prior plus, per source, class-conditional vote
 * probabilities, stored as precomputed log-weights so that scoring a row costs O(non-abstain votes
 * × classes).
 *
 * <p>The score of class y is {@code base[y] + Σ_{j votes c} w[j][c][y]}, where {@code base} holds
 * the log prior (and, when abstains are evidence, the log abstain rates) and {@code w} the log
 * probability of the vote (and the abstain correction). Soft votes weight {@code w} by their
 * probabilities. Uncovered rows get the prior and {@code covered=false}; labels are chosen with
 * {@link TieBreak} on the row key, so exact ties are decided as WRENCH does.
 *
 * <p>Immutable and thread-safe. {@link #version()} is {@code <name>-<sha256 prefix of the bytes>},
 * so two instances with equal parameters have equal versions. {@link #toBytes} / {@link #fromBytes}
 * carry the parameters (e.g. over a compacted topic); this class never depends on the fitter.
 */
public final class DawidSkeneModel implements Labeler {

  private static final int MAGIC = 0x5753444D; // "WSDM"
  private static final byte FORMAT_VERSION = 1;

  private final String name;
  private final int numSources;
  private final int numClasses;
  private final double[] prior;
  private final double[] base;
  private final double[] weights;
  private final double[] accuracy;
  private final int iterations;
  private final String version;

  /**
   * @param weights log-weights indexed {@code (j * numClasses + c) * numClasses + y}
   * @param accuracy learned accuracy per source, P(vote correct | source votes)
   */
  DawidSkeneModel(
      String name,
      int numSources,
      int numClasses,
      double[] prior,
      double[] base,
      double[] weights,
      double[] accuracy,
      int iterations) {
    if (prior.length != numClasses
        || base.length != numClasses
        || weights.length != numSources * numClasses * numClasses
        || accuracy.length != numSources) {
      throw new IllegalArgumentException(
          "parameter arrays do not match " + numSources + " sources, " + numClasses + " classes");
    }
    this.name = name;
    this.numSources = numSources;
    this.numClasses = numClasses;
    this.prior = prior.clone();
    this.base = base.clone();
    this.weights = weights.clone();
    this.accuracy = accuracy.clone();
    this.iterations = iterations;
    this.version = name + "-" + HexFormat.of().formatHex(sha256(toBytes()), 0, 6);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public int numClasses() {
    return numClasses;
  }

  public int numSources() {
    return numSources;
  }

  /** The class prior (used for uncovered rows). */
  public double[] classPrior() {
    return prior.clone();
  }

  /** Learned accuracy per source: the model's probability that a vote of the source is correct. */
  public double[] learnedAccuracy() {
    return accuracy.clone();
  }

  /** EM iterations the fit ran. */
  public int iterations() {
    return iterations;
  }

  @Override
  public Prediction predict(VoteRow row) {
    if (row.size() != numSources) {
      throw new IllegalArgumentException(
          "row has " + row.size() + " votes, model expects " + numSources);
    }
    int k = numClasses;
    double[] s = base.clone();
    boolean covered = false;
    int[] votes = row.votes();
    for (int j = 0; j < numSources; j++) {
      double[] soft = row.softVote(j);
      if (soft != null) {
        covered |= addSoft(s, j, soft);
      } else if (votes[j] != LabelingFunction.ABSTAIN) {
        int v = votes[j];
        if (v < 0 || v >= k) {
          throw new IllegalArgumentException(
              "vote " + v + " of source " + j + " is not a class id");
        }
        int off = (j * k + v) * k;
        for (int y = 0; y < k; y++) {
          s[y] += weights[off + y];
        }
        covered = true;
      }
    }
    if (!covered) {
      double[] p = prior.clone();
      int label = TieBreak.argmax(p, row.tieKey());
      return new Prediction(p, label, p[label], false);
    }
    LogSpace.normalizeInPlace(s);
    int label = TieBreak.argmax(s, row.tieKey());
    return new Prediction(s, label, s[label], true);
  }

  private boolean addSoft(double[] s, int j, double[] soft) {
    int k = numClasses;
    if (soft.length != k) {
      throw new IllegalArgumentException(
          "soft vote of source " + j + " has " + soft.length + " entries, expected " + k);
    }
    double total = 0;
    for (double p : soft) {
      total += p;
    }
    if (!(total > 0)) {
      return false;
    }
    for (int c = 0; c < k; c++) {
      double p = soft[c] / total;
      if (p > 0) {
        int off = (j * k + c) * k;
        for (int y = 0; y < k; y++) {
          s[y] += p * weights[off + y];
        }
      }
    }
    return true;
  }

  /** Serializes the parameters (versioned binary format). */
  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeByte(FORMAT_VERSION);
      out.writeUTF(name);
      out.writeInt(numSources);
      out.writeInt(numClasses);
      out.writeInt(iterations);
      for (double[] array : new double[][] {prior, base, weights, accuracy}) {
        for (double v : array) {
          out.writeDouble(v);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Restores a model written by {@link #toBytes}. */
  public static DawidSkeneModel fromBytes(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      if (in.readInt() != MAGIC) {
        throw new IllegalArgumentException("not a Dawid-Skene model: bad magic");
      }
      byte version = in.readByte();
      if (version != FORMAT_VERSION) {
        throw new IllegalArgumentException("unsupported model format version " + version);
      }
      String name = in.readUTF();
      int m = in.readInt();
      int k = in.readInt();
      int iterations = in.readInt();
      if (m < 1 || k < 2 || (long) m * k * k > Integer.MAX_VALUE / 2) {
        throw new IllegalArgumentException("corrupt model shape " + m + "x" + k);
      }
      double[] prior = readDoubles(in, k);
      double[] base = readDoubles(in, k);
      double[] weights = readDoubles(in, m * k * k);
      double[] accuracy = readDoubles(in, m);
      if (in.available() > 0) {
        throw new IllegalArgumentException("trailing bytes after model");
      }
      return new DawidSkeneModel(name, m, k, prior, base, weights, accuracy, iterations);
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated or corrupt model bytes", e);
    }
  }

  private static double[] readDoubles(DataInputStream in, int n) throws IOException {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = in.readDouble();
    }
    return a;
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
