package dev.weakstream.trust;

import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The bounded state of split-conformal prediction: the nonconformity scores of the most recent gold
 * records — one sliding window of {@code capacity} scores in marginal mode, one per class in
 * class-conditional mode (so a rare class keeps its own {@code capacity} scores).
 *
 * <p>The score of class y for a record is {@code 1 - q_y}, q its calibrated probabilities (the
 * "LAC" score of Sadinle, Lei and Wasserman, 2019, which gives the smallest sets on average).
 *
 * <p>A window, not a reservoir or a decayed sample: the newest gold is what is exchangeable with
 * the records labelled now (a reservoir would keep scores of old model versions and old data
 * forever), a window needs no random choices (so restoring it and replaying gives the same state),
 * and every score in it counts equally, which the finite-sample quantile assumes (decay weights
 * would need the weighted conformal quantile). When the model being calibrated changes (a label
 * model refit), the owner rebuilds the window from the gold records rescored by the new model, so
 * model, calibrator and window change version together.
 *
 * <p>Mutable and not thread-safe: one owner (e.g. the processor holding the gold stream) adds
 * scores and publishes {@link #snapshot()}s, which are immutable. {@link #toBytes} / {@link
 * #fromBytes} carry the exact state (settings included) for a state store.
 */
public final class NonconformityWindow {

  /** The byte form's magic number, {@code "WSNW"}. */
  static final int MAGIC = 0x57534E57;

  static final byte FORMAT_VERSION = 1;

  private final ConformalSettings settings;
  private final int numClasses;
  private final Ring[] rings;

  /** An empty window. */
  public NonconformityWindow(ConformalSettings settings, int numClasses) {
    if (numClasses < 2) {
      throw new IllegalArgumentException("need >= 2 classes, got " + numClasses);
    }
    this.settings = settings;
    this.numClasses = numClasses;
    int count = settings.mode() == ConformalMode.MARGINAL ? 1 : numClasses;
    this.rings = new Ring[count];
    for (int r = 0; r < count; r++) {
      rings[r] = new Ring(settings.capacity());
    }
  }

  /** The nonconformity score of class {@code y}: one minus its (calibrated) probability. */
  public static double score(double[] calibrated, int y) {
    return 1 - calibrated[y];
  }

  /**
   * Adds one gold record.
   *
   * @param calibrated the record's calibrated probabilities
   * @param gold its gold class
   */
  public void add(double[] calibrated, int gold) {
    double[] q = Probabilities.checked(calibrated, numClasses, "gold record");
    if (gold < 0 || gold >= numClasses) {
      throw new IllegalArgumentException("gold class " + gold + " is not a class id");
    }
    rings[ring(gold)].add(score(q, gold));
  }

  private int ring(int gold) {
    return settings.mode() == ConformalMode.MARGINAL ? 0 : gold;
  }

  public ConformalSettings settings() {
    return settings;
  }

  public int numClasses() {
    return numClasses;
  }

  /** Gold scores held (all classes). */
  public int size() {
    int n = 0;
    for (Ring r : rings) {
      n += r.size;
    }
    return n;
  }

  /** An immutable predictor over the scores held now. */
  public ConformalPredictor snapshot() {
    double[][] sorted = new double[rings.length][];
    for (int r = 0; r < rings.length; r++) {
      sorted[r] = rings[r].sorted();
    }
    return new ConformalPredictor(settings, numClasses, sorted, version());
  }

  /** {@code window-<sha256 prefix of the bytes>}: equal state, equal version. */
  public String version() {
    return StateBytes.version("window", toBytes());
  }

  /** The versioned byte form: settings, then each window's scores oldest first. */
  public byte[] toBytes() {
    return StateBytes.write(MAGIC, FORMAT_VERSION, this::writeBody);
  }

  private void writeBody(DataOutputStream out) throws IOException {
    out.writeDouble(settings.alpha());
    out.writeDouble(settings.delta());
    out.writeByte(settings.mode().code());
    out.writeInt(settings.capacity());
    out.writeByte(settings.ties().code());
    out.writeLong(settings.seed());
    out.writeInt(numClasses);
    for (Ring r : rings) {
      out.writeInt(r.size);
      for (int i = 0; i < r.size; i++) {
        out.writeDouble(r.get(i));
      }
    }
  }

  /** Restores a window from {@link #toBytes()}. */
  public static NonconformityWindow fromBytes(byte[] bytes) {
    return StateBytes.read(
        bytes,
        MAGIC,
        FORMAT_VERSION,
        "nonconformity window",
        in -> {
          double alpha = in.readDouble();
          double delta = in.readDouble();
          ConformalMode mode = ConformalMode.ofCode(in.readByte());
          int capacity = in.readInt();
          TieRule ties = TieRule.ofCode(in.readByte());
          long seed = in.readLong();
          int k = in.readInt();
          StateBytes.checkCount(k, 1 << 20, "classes");
          NonconformityWindow window =
              new NonconformityWindow(
                  new ConformalSettings(alpha, delta, mode, capacity, ties, seed), k);
          for (Ring r : window.rings) {
            int size = in.readInt();
            StateBytes.checkCount(size, capacity, "window size");
            for (int i = 0; i < size; i++) {
              r.add(in.readDouble());
            }
          }
          return window;
        });
  }

  /** A fixed-capacity first-in-first-out buffer of scores. */
  private static final class Ring {
    final double[] values;
    int start;
    int size;

    Ring(int capacity) {
      values = new double[capacity];
    }

    void add(double v) {
      if (size < values.length) {
        values[(start + size) % values.length] = v;
        size++;
      } else {
        values[start] = v;
        start = (start + 1) % values.length;
      }
    }

    /** The i-th oldest score. */
    double get(int i) {
      return values[(start + i) % values.length];
    }

    double[] sorted() {
      double[] out = new double[size];
      for (int i = 0; i < size; i++) {
        out[i] = get(i);
      }
      java.util.Arrays.sort(out);
      return out;
    }
  }
}
