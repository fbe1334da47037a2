/**
 * Benchmarks behind {@code weakstream bench}: each measures a candidate against a baseline in the
 * same process, on the same input, and reports their ratio (the machines are shared and noisy, so
 * absolute numbers from different runs do not compare).
 */
package dev.weakstream.bench;
