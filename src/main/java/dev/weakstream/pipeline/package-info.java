/**
 * Pipeline definitions: the typed, validated form of a {@code topology/*.yaml} file — classes,
 * input topic and field mapping, labeling functions and output topics — and the loader that builds
 * it, failing at startup with a message that names the file, the field and the fix.
 *
 * <p>Plain Java (plus the YAML parser and RE2/J); no Kafka imports.
 */
package dev.weakstream.pipeline;
