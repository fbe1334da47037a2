/**
 * Kafka plumbing that is not stream processing, in one place: how every client is configured
 * ({@link dev.weakstream.kafka.KafkaClients}: bootstrap servers, {@code --client-config},
 * read_committed), an in-process single-node KRaft broker for local runs and integration tests
 * ({@link dev.weakstream.kafka.EmbeddedKafkaBroker}) and idempotent topic creation against any
 * cluster ({@link dev.weakstream.kafka.TopicCreator}).
 *
 * <p>Everything here binds to loopback only. Topologies never depend on this package; the CLI wires
 * it in.
 */
package dev.weakstream.kafka;
