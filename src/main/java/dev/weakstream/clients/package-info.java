/**
 * Plain Kafka clients the commands use around a pipeline: a producer of raw records (from files or
 * code) and a reader that collects what a pipeline wrote to its labeled and dead-letter topics.
 */
package dev.weakstream.clients;
