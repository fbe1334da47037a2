/**
 * Training of students: a {@link dev.weakstream.student.LinearStudent} fitted on soft labels (the
 * label model's or LFs+teacher probabilities) with noise-aware cross-entropy, class weights, L2 and
 * early stopping / L2 selection on a small gold set, deterministic given the seed; and its export
 * to ONNX. Imports the student (serving) package; the student and the stream never import this one
 * (checked by {@code ArchitectureTest}).
 */
package dev.weakstream.training;
