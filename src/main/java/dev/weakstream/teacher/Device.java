package dev.weakstream.teacher;

import java.util.Locale;

/** Where a teacher's model runs: ONNX Runtime's CPU or CUDA execution provider. */
public enum Device {
  CPU,
  CUDA;

  /** Lower-case name as written in manifests and metrics tags. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
