/**
 * Wire formats: Avro single-object encoding of the generated {@code dev.weakstream.avro} classes
 * (schema fingerprint in each message, no schema registry), and the mapping of plain JSON objects
 * and CSV/TSV rows to {@code RawRecord}. No Kafka Streams imports; Kafka serdes live in {@code
 * dev.weakstream.kafka}.
 */
package dev.weakstream.codec;
