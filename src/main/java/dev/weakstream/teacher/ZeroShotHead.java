package dev.weakstream.teacher;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Zero-shot classification: each class is described in words, the descriptions are embedded, and a
 * text's probabilities are a softmax over its cosine similarities to them divided by a temperature.
 * Cosine similarities of MiniLM embeddings span a narrow range (about 0 to 0.6), so the default
 * temperature {@value #DEFAULT_TEMPERATURE} turns a 0.1 advantage into odds of about e^2; with gold
 * rows it can be calibrated ({@link #calibrated}).
 *
 * <p>Immutable and thread-safe.
 */
public final class ZeroShotHead implements ClassificationHead {

  /** Temperature used without gold rows to calibrate on. */
  public static final double DEFAULT_TEMPERATURE = 0.05;

  private final float[][] classEmbeddings;
  private final double temperature;

  /** Subtracted from each class's similarity (0 unless {@link #centred}). */
  private final double[] offset;

  private final String version;

  /** A head over already-embedded class descriptions. */
  public ZeroShotHead(float[][] classEmbeddings, double temperature) {
    this(classEmbeddings, temperature, new double[classEmbeddings.length]);
  }

  private ZeroShotHead(float[][] classEmbeddings, double temperature, double[] offset) {
    if (classEmbeddings.length < 2 || !(temperature > 0)) {
      throw new IllegalArgumentException("need >= 2 classes and a positive temperature");
    }
    this.classEmbeddings = classEmbeddings.clone();
    this.temperature = temperature;
    this.offset = offset.clone();
    this.version =
        "zs-"
            + Integer.toHexString(
                Arrays.deepHashCode(classEmbeddings) + 31 * Arrays.hashCode(offset))
            + "-t"
            + String.format(Locale.ROOT, "%.4f", temperature);
  }

  /** Embeds the class descriptions with {@code encoder}. */
  public static ZeroShotHead of(
      SentenceEncoder encoder, List<String> descriptions, double temperature) {
    return new ZeroShotHead(encoder.embedUncached(descriptions), temperature);
  }

  /** The same class embeddings with the temperature that minimises NLL on the gold rows. */
  public ZeroShotHead calibrated(float[][] embeddings, int[] gold) {
    double[][] sims = new double[embeddings.length][];
    for (int i = 0; i < sims.length; i++) {
      sims[i] = similarities(embeddings[i]);
    }
    return new ZeroShotHead(classEmbeddings, Softmax.fitTemperature(sims, gold), offset);
  }

  /**
   * The same head with each class's mean similarity over unlabelled texts subtracted ("calibrate
   * before use", Zhao et al. 2021): a description that is close to every text of the domain no
   * longer wins by default. Uses no gold.
   */
  public ZeroShotHead centred(float[][] unlabelled) {
    double[] mean = new double[classEmbeddings.length];
    for (float[] e : unlabelled) {
      double[] s = rawSimilarities(e);
      for (int c = 0; c < mean.length; c++) {
        mean[c] += s[c] / unlabelled.length;
      }
    }
    return new ZeroShotHead(classEmbeddings, temperature, mean);
  }

  public double temperature() {
    return temperature;
  }

  @Override
  public String kind() {
    return "zeroshot";
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public int numClasses() {
    return classEmbeddings.length;
  }

  @Override
  public double[] probabilities(float[] embedding) {
    return Softmax.of(similarities(embedding), temperature);
  }

  /** Cosine similarity to each class description (embeddings are L2-normalised). */
  double[] similarities(float[] e) {
    double[] s = rawSimilarities(e);
    for (int c = 0; c < s.length; c++) {
      s[c] -= offset[c];
    }
    return s;
  }

  private double[] rawSimilarities(float[] e) {
    double[] s = new double[classEmbeddings.length];
    for (int c = 0; c < s.length; c++) {
      double dot = 0;
      double n1 = 0;
      double n2 = 0;
      float[] ce = classEmbeddings[c];
      for (int d = 0; d < ce.length; d++) {
        dot += (double) ce[d] * e[d];
        n1 += (double) ce[d] * ce[d];
        n2 += (double) e[d] * e[d];
      }
      s[c] = dot / Math.max(Math.sqrt(n1 * n2), 1e-12);
    }
    return s;
  }
}
