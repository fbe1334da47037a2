package dev.weakstream.teacher;

import java.util.List;

/**
 * A teacher: a batch of record texts in, a batch of class-probability vectors out (each sums to 1,
 * in the pipeline's class order), to be used as soft votes.
 *
 * <p>Implementations own native resources (an ONNX Runtime session, a tokenizer) and are closed by
 * whoever opened them; {@link #close()} is idempotent. {@link #predict} is thread-safe unless an
 * implementation says otherwise, and must not be called after {@link #close()}.
 */
public interface TeacherModel extends AutoCloseable {

  /** Name of the teacher, e.g. {@code minilm-fewshot}. */
  String name();

  /** Version of model and head; changes whenever either does. */
  String version();

  /** The device the model actually runs on (after any fallback). */
  Device device();

  int numClasses();

  /** Class probabilities per text, in input order. */
  double[][] predict(List<String> texts);

  @Override
  void close();
}
