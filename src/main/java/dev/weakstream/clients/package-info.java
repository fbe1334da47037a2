/**
 * Plain Kafka clients the commands use around a pipeline: a producer of raw records (from files or
 * code), a reader that collects what a pipeline wrote to its labeled and dead-letter topics, and
 * the shard collector that turns the labeled topic into training shards and announces them.
 */
package dev.weakstream.clients;
