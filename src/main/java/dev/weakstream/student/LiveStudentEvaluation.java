package dev.weakstream.student;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Live evaluation of the active student and of a candidate scored in shadow: agreement of each with
 * the label model over a sliding window of the last records it scored, and accuracy on gold-labeled
 * records since its version arrived. Each role starts afresh when its model's version changes.
 *
 * <p>When the active student's window is full and its agreement is below the rollback threshold,
 * the {@link LowAgreementListener} is told once per version (e.g. so the registry rolls back).
 *
 * <p>Thread-safe (stream threads share one instance); plain Java.
 */
public final class LiveStudentEvaluation {

  /** Which student a number is about. */
  public enum Role {
    ACTIVE,
    CANDIDATE
  }

  /** Told when the active student's live agreement falls below the threshold. */
  @FunctionalInterface
  public interface LowAgreementListener {
    void lowAgreement(String name, String version, double agreement, int window);
  }

  /** Default number of records in the agreement window. */
  public static final int DEFAULT_WINDOW = 500;

  private static final class Tracker {
    String name;
    String version;
    boolean[] agreed;
    int next;
    int filled;
    int agreeing;
    long scored;
    long gold;
    long goldCorrect;
    boolean alerted;
  }

  private final int window;
  private final double rollbackAgreement;
  private final LowAgreementListener listener;
  private final Map<Role, Tracker> trackers = new EnumMap<>(Role.class);

  /**
   * @param window records in the sliding agreement window
   * @param rollbackAgreement alert below this agreement (0 = never)
   */
  public LiveStudentEvaluation(
      int window, double rollbackAgreement, LowAgreementListener listener) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be positive, was " + window);
    }
    this.window = window;
    this.rollbackAgreement = rollbackAgreement;
    this.listener = Objects.requireNonNull(listener);
    for (Role role : Role.values()) {
      trackers.put(role, new Tracker());
    }
  }

  /**
   * Records one labeled record's scores.
   *
   * @param active the active student's score, or null
   * @param candidate the candidate's score, or null
   * @param labelModelLabel the label model's label for the record
   * @param gold the record's gold label, or null
   */
  public void observe(
      StudentScore active, StudentScore candidate, int labelModelLabel, Integer gold) {
    LowAlert alert = null;
    synchronized (this) {
      if (active != null) {
        alert =
            observe(
                trackers.get(Role.ACTIVE), active, labelModelLabel, gold, rollbackAgreement > 0);
      }
      if (candidate != null) {
        observe(trackers.get(Role.CANDIDATE), candidate, labelModelLabel, gold, false);
      }
    }
    if (alert != null) {
      listener.lowAgreement(alert.name, alert.version, alert.agreement, window);
    }
  }

  private record LowAlert(String name, String version, double agreement) {}

  private LowAlert observe(
      Tracker t, StudentScore score, int labelModelLabel, Integer gold, boolean alerting) {
    if (!score.name().equals(t.name) || !score.version().equals(t.version)) {
      t.name = score.name();
      t.version = score.version();
      t.agreed = new boolean[window];
      t.next = 0;
      t.filled = 0;
      t.agreeing = 0;
      t.scored = 0;
      t.gold = 0;
      t.goldCorrect = 0;
      t.alerted = false;
    }
    boolean agrees = score.label() == labelModelLabel;
    if (t.filled == window && t.agreed[t.next]) {
      t.agreeing--;
    }
    t.agreed[t.next] = agrees;
    t.agreeing += agrees ? 1 : 0;
    t.next = (t.next + 1) % window;
    t.filled = Math.min(window, t.filled + 1);
    t.scored++;
    if (gold != null) {
      t.gold++;
      t.goldCorrect += score.label() == gold ? 1 : 0;
    }
    double agreement = (double) t.agreeing / t.filled;
    if (alerting && !t.alerted && t.filled == window && agreement < rollbackAgreement) {
      t.alerted = true;
      return new LowAlert(t.name, t.version, agreement);
    }
    return null;
  }

  /** Agreement with the label model over the window (NaN before the first record). */
  public synchronized double agreement(Role role) {
    Tracker t = trackers.get(role);
    return t.filled == 0 ? Double.NaN : (double) t.agreeing / t.filled;
  }

  /** Accuracy on gold-labeled records since the version arrived (NaN before the first). */
  public synchronized double goldAccuracy(Role role) {
    Tracker t = trackers.get(role);
    return t.gold == 0 ? Double.NaN : (double) t.goldCorrect / t.gold;
  }

  /** Gold-labeled records the role's current version scored. */
  public synchronized long goldRecords(Role role) {
    return trackers.get(role).gold;
  }

  /** Records the role's current version scored. */
  public synchronized long scored(Role role) {
    return trackers.get(role).scored;
  }

  /** The role's current version, or null before it scored a record. */
  public synchronized String version(Role role) {
    return trackers.get(role).version;
  }

  public int window() {
    return window;
  }
}
