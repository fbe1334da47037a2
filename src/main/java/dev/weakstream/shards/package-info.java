/**
 * Training shards: labeled records admitted by the pipeline's {@code shards:} policy ({@link
 * dev.weakstream.shards.ShardAdmission}), written as deflate-compressed Avro object container files
 * of {@code TrainingExample} ({@link dev.weakstream.shards.ShardWriter}), sealed with a {@code
 * ShardManifest} and kept in a {@link dev.weakstream.shards.ShardStore} with retention.
 * Gold-labeled records go to the evaluation set instead. Plain Java and Avro: no Kafka here; the
 * Kafka consumer that feeds this package is {@code dev.weakstream.clients.ShardCollector}.
 */
package dev.weakstream.shards;
