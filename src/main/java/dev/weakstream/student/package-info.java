/**
 * The student: a small, fast model trained on soft labels from the training shards (hashed n-gram
 * or teacher-embedding features), exported to ONNX with its featurizer settings and provenance, and
 * served in the stream. Plain Java plus ONNX Runtime; no Kafka.
 */
package dev.weakstream.student;
