package dev.weakstream.training;

/**
 * One hand-labelled row of the gold evaluation set: used to stop early and to select L2, never to
 * fit weights.
 *
 * @param id the record id
 * @param text the text
 * @param embedding the teacher embedding, or null (required by embedding students)
 * @param label the gold class id
 */
public record GoldExample(String id, String text, float[] embedding, int label) {

  public GoldExample {
    if (label < 0) {
      throw new IllegalArgumentException(
          "gold row " + id + ": label must be a class id, was " + label);
    }
  }
}
