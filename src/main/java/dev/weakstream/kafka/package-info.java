/**
 * Kafka plumbing that is not stream processing, in one place: every topic of a pipeline with its
 * serdes and creation spec ({@link dev.weakstream.kafka.PipelineTopics}, the one catalogue), how
 * every client is configured ({@link dev.weakstream.kafka.KafkaClients}: bootstrap servers, {@code
 * --client-config}, read_committed), the one loop that reads topics to their end ({@link
 * dev.weakstream.kafka.TopicReader}), idempotent topic creation against any cluster ({@link
 * dev.weakstream.kafka.TopicCreator}), and an in-process single-node KRaft broker for local runs
 * and integration tests ({@link dev.weakstream.kafka.EmbeddedKafkaBroker}, bound to loopback only).
 *
 * <p>No Kafka Streams, and nothing of the packages above it: the stream, the registry, the shard
 * collector and the trainer all import it.
 */
package dev.weakstream.kafka;
