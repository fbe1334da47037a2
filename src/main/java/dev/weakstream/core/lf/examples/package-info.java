/**
 * Example {@code kind: java} labeling-function plugins: small, documented implementations of the
 * plugin contract (see {@link dev.weakstream.core.LabelingFunction}) that the shipped pipelines use
 * and that users can copy. Plain Java, like the rest of the core.
 */
package dev.weakstream.core.lf.examples;
