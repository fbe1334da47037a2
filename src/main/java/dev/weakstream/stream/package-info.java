/**
 * The Kafka Streams side: the topology factory (the one place sub-topologies are wired), its
 * processors, dead-letter policy and streams configuration (topics and serdes come from {@code
 * dev.weakstream.kafka.PipelineTopics}). Processors delegate labeling to the plain-Java core; this
 * package holds only the wiring and the Kafka-facing concerns.
 */
package dev.weakstream.stream;
