/**
 * Training the student offline from the training shards, and exporting it to ONNX. May import the
 * serving code (dev.weakstream.student); serving never imports this package.
 */
package dev.weakstream.training;
