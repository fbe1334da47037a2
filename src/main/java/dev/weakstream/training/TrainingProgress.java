package dev.weakstream.training;

/** Receives the trainer's progress (e.g. to draw a progress bar); called on the training thread. */
@FunctionalInterface
public interface TrainingProgress {

  /** No-op listener. */
  TrainingProgress NONE = (done, total, stage) -> {};

  /**
   * @param done epochs finished over all L2 candidates (skipped epochs of an early stop count as
   *     done)
   * @param total epochs planned: candidates x max epochs
   * @param stage what runs now, e.g. {@code l2=1e-05 epoch 3}
   */
  void update(int done, int total, String stage);
}
