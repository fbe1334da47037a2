package dev.weakstream.training;

import java.util.List;

/**
 * The checks a training call makes before any work: rows to train on, one probability per class,
 * gold labels that are classes, and for embedding students an embedding of one width on every row.
 * Stateless.
 */
final class TrainingDataValidation {

  private TrainingDataValidation() {}

  /**
   * Checks the rows and returns the embedding width the student's dense part needs (0 for hashed
   * students, which ignore embeddings).
   *
   * @throws IllegalArgumentException on an empty train set, a soft label of the wrong width, a gold
   *     label out of range, or a missing / inconsistent embedding for an embedding student
   */
  static int embeddingWidth(
      StudentKind kind, List<SoftLabeledExample> train, List<GoldExample> gold, int numClasses) {
    if (train.isEmpty()) {
      throw new IllegalArgumentException("no training rows");
    }
    int dim = embeddingDim(kind, train, gold);
    for (SoftLabeledExample e : train) {
      if (e.probabilities().length != numClasses) {
        throw new IllegalArgumentException(
            "row "
                + e.id()
                + " has "
                + e.probabilities().length
                + " probabilities for "
                + numClasses
                + " classes");
      }
    }
    for (GoldExample g : gold) {
      if (g.label() >= numClasses) {
        throw new IllegalArgumentException(
            "gold row " + g.id() + ": label " + g.label() + " >= " + numClasses + " classes");
      }
    }
    return dim;
  }

  private static int embeddingDim(
      StudentKind kind, List<SoftLabeledExample> train, List<GoldExample> gold) {
    if (kind == StudentKind.HASHED) {
      return 0;
    }
    float[] first = train.get(0).embedding();
    if (first == null || first.length == 0) {
      throw new IllegalArgumentException(
          "an embedding student needs an embedding on every row; row "
              + train.get(0).id()
              + " has none");
    }
    int dim = first.length;
    for (SoftLabeledExample e : train) {
      checkEmbedding(e.id(), e.embedding(), dim);
    }
    for (GoldExample g : gold) {
      checkEmbedding(g.id(), g.embedding(), dim);
    }
    return dim;
  }

  private static void checkEmbedding(String id, float[] embedding, int dim) {
    if (embedding == null || embedding.length != dim) {
      throw new IllegalArgumentException(
          "row "
              + id
              + ": embedding of width "
              + (embedding == null ? "none" : embedding.length)
              + ", expected "
              + dim);
    }
  }
}
