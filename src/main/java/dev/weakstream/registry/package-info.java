/**
 * The Kafka-native model registry: versions of served models (the student) as {@code ModelRelease}
 * events on a pipeline's compacted {@code <pipeline>-models} topic, their artifacts in chunks on
 * the compacted {@code <pipeline>-model-artifacts} topic, so instances on different machines need
 * no shared filesystem.
 *
 * <p>{@link dev.weakstream.registry.ModelRegistry} publishes, lists, promotes (behind a {@link
 * dev.weakstream.registry.PromotionGate}) and rolls back versions; {@link
 * dev.weakstream.registry.ModelFollower} follows the topic in every pipeline instance and hands
 * each newly active version's artifact, verified against its SHA-256, to a {@link
 * dev.weakstream.registry.ModelListener} (the stream's hot-swap handle). Plain Kafka clients only:
 * no Kafka Streams, and no training code.
 */
package dev.weakstream.registry;
