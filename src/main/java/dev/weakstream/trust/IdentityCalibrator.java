package dev.weakstream.trust;

/** {@code calibration: none}: the raw probabilities, unchanged. Immutable and thread-safe. */
public final class IdentityCalibrator implements Calibrator {

  private final int numClasses;
  private final int goldRecords;
  private final String version;

  IdentityCalibrator(int numClasses, int goldRecords) {
    if (numClasses < 2 || goldRecords < 0) {
      throw new IllegalArgumentException(
          "need >= 2 classes and >= 0 gold records, got " + numClasses + ", " + goldRecords);
    }
    this.numClasses = numClasses;
    this.goldRecords = goldRecords;
    this.version = StateBytes.version(kind().key(), toBytes());
  }

  @Override
  public CalibrationKind kind() {
    return CalibrationKind.NONE;
  }

  @Override
  public int numClasses() {
    return numClasses;
  }

  @Override
  public int goldRecords() {
    return goldRecords;
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public double[] calibrate(double[] probabilities, int label) {
    return Probabilities.checked(probabilities, numClasses, "calibrate");
  }

  @Override
  public byte[] toBytes() {
    return StateBytes.write(
        MAGIC,
        FORMAT_VERSION,
        out -> {
          out.writeByte(kind().code());
          out.writeInt(numClasses);
          out.writeInt(goldRecords);
        });
  }

  @Override
  public String toString() {
    return "IdentityCalibrator[" + version + "]";
  }
}
