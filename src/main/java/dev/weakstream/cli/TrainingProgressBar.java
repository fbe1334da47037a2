package dev.weakstream.cli;

import dev.weakstream.training.TrainingProgress;

/**
 * A {@link ProgressBar} over a student's training epochs, sized by the trainer's own count of the
 * epochs it plans (its first report), so callers need not know the trainer's grid. Not thread-safe.
 */
final class TrainingProgressBar implements TrainingProgress, AutoCloseable {

  private final String label;
  private ProgressBar bar;

  TrainingProgressBar(String label) {
    this.label = label;
  }

  @Override
  public void update(int done, int total, String stage) {
    if (bar == null) {
      bar = new ProgressBar(label, total);
    }
    bar.update(Math.min(done, total));
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
