/**
 * The command line: a composition root only. Each command parses its options, builds the parts it
 * needs from the other packages, runs them and prints; no labeling, stream or model logic lives
 * here.
 */
package dev.weakstream.cli;
