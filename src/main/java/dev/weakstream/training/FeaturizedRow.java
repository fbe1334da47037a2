package dev.weakstream.training;

import dev.weakstream.student.SparseFeatures;

/**
 * One row as the student sees it: its hashed features (or null without n-grams) and its embedding
 * (or null for hashed students). Shares its arrays; nothing writes them after featurization.
 */
record FeaturizedRow(SparseFeatures features, float[] embedding) {}
