package dev.weakstream.student;

import dev.weakstream.core.TextRecord;
import java.util.List;

/**
 * A student ready to serve: texts in, class probabilities out. Implementations hold native
 * resources (an ONNX Runtime session); callers in the stream hold a lease on it while predicting,
 * and it is closed only when no call is in flight.
 */
public interface StudentModel extends AutoCloseable {

  /** The registry name of the model (e.g. {@code youtube-spam-student}). */
  String name();

  /** The registry version (e.g. {@code 3}). */
  String version();

  int numClasses();

  /** One probability vector per record, in order. */
  double[][] predict(List<TextRecord> records);

  @Override
  void close();
}
