package dev.weakstream.core;

/**
 * What a {@link Labeler} makes of a vote row: a probability per class, the chosen label, its
 * probability, and whether any source covered the row.
 */
public record Prediction(double[] probabilities, int label, double confidence, boolean covered) {}
