/**
 * The WRENCH benchmark (Zhang et al., NeurIPS 2021 Datasets and Benchmarks): loading its dataset
 * folders and evaluating label models with its protocol (fit on train votes without gold, select on
 * valid, score every test row, break ties with its sha1 rule).
 */
package dev.weakstream.wrench;
