/**
 * The weak-supervision core: labeling functions, vote rows, the {@link dev.weakstream.core.Labeler}
 * contract shared by every combiner, and LF statistics.
 *
 * <p>Plain Java: this package imports only the JDK and other core packages — no Kafka, no ONNX
 * Runtime — so it is testable in microseconds and reusable in batch tools. {@code ArchitectureTest}
 * enforces this.
 */
package dev.weakstream.core;
