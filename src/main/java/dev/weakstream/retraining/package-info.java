/**
 * Closing the loop: as the shards topic announces sealed training shards (and on demand), train a
 * student on them, evaluate it on the gold evaluation set, export it to ONNX, publish it to the
 * model registry as a candidate and promote it through the gate. The one place that brings shards,
 * trainer and registry together; serving code never imports it.
 */
package dev.weakstream.retraining;
