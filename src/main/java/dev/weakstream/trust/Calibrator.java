package dev.weakstream.trust;

/**
 * Maps a model's raw class probabilities for a record to calibrated ones: probabilities whose
 * confidence in the record's label matches how often such labels are right on gold.
 *
 * <p>Implementations are immutable, thread-safe snapshots fitted on a {@link CalibrationSet}; a
 * refit is a new instance. {@link #version()} is derived from {@link #toBytes()}, so equal
 * parameters give equal versions, and {@link #fromBytes} restores an instance exactly (the byte
 * form is what travels with a label model release and into a state store).
 */
public sealed interface Calibrator
    permits TemperatureCalibrator, HistogramCalibrator, IdentityCalibrator {

  /** The byte form's magic number, {@code "WSCB"}. */
  int MAGIC = 0x57534342;

  /** Version of the byte form. */
  byte FORMAT_VERSION = 1;

  CalibrationKind kind();

  int numClasses();

  /** Number of gold records it was fitted on. */
  int goldRecords();

  /** {@code <kind>-<sha256 prefix of the bytes>}. */
  String version();

  /**
   * Calibrated probabilities of one record.
   *
   * @param probabilities the model's probabilities ({@link #numClasses()} entries summing to 1);
   *     not modified
   * @param label the label the model gave the record (its argmax, ties broken as the model breaks
   *     them): the class whose confidence a top-label calibrator corrects
   * @return a new array summing to 1
   */
  double[] calibrate(double[] probabilities, int label);

  /** The versioned byte form. */
  byte[] toBytes();

  /** Fits a calibrator of {@code kind} on gold records. */
  static Calibrator fit(CalibrationKind kind, CalibrationSet gold) {
    if (gold.size() == 0) {
      throw new IllegalArgumentException("a calibrator needs at least one gold record");
    }
    return switch (kind) {
      case TEMPERATURE -> TemperatureCalibrator.fit(gold);
      case HISTOGRAM -> HistogramCalibrator.fit(gold);
      case NONE -> new IdentityCalibrator(gold.numClasses(), gold.size());
    };
  }

  /** Restores a calibrator from {@link #toBytes()}. */
  static Calibrator fromBytes(byte[] bytes) {
    return StateBytes.read(
        bytes,
        MAGIC,
        FORMAT_VERSION,
        "calibrator",
        in -> {
          CalibrationKind kind = CalibrationKind.ofCode(in.readByte());
          int k = in.readInt();
          int n = in.readInt();
          return switch (kind) {
            case NONE -> new IdentityCalibrator(k, n);
            case TEMPERATURE -> new TemperatureCalibrator(k, n, in.readDouble());
            case HISTOGRAM -> HistogramCalibrator.readBody(k, n, in);
          };
        });
  }
}
