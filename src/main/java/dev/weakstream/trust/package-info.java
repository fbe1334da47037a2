/**
 * Labels users can trust: calibrated confidence, conformal label sets and label-error flags for the
 * probabilities a {@link dev.weakstream.core.Labeler} (or a teacher or student) gives a record.
 *
 * <ul>
 *   <li>{@link dev.weakstream.trust.Calibrator}: maps raw class probabilities to calibrated ones,
 *       fitted on gold records ({@link dev.weakstream.trust.CalibrationKind}: temperature,
 *       histogram, none); {@link dev.weakstream.trust.CalibrationError} measures the result.
 *   <li>{@link dev.weakstream.trust.NonconformityWindow} holds the gold records' nonconformity
 *       scores as bounded state; its {@link dev.weakstream.trust.ConformalPredictor} snapshot gives
 *       each record a split-conformal label set, or says that no guarantee holds yet.
 *   <li>{@link dev.weakstream.trust.LabelErrorThresholds} keeps confident-learning per-class
 *       thresholds of an out-of-sample model's probabilities; its {@link
 *       dev.weakstream.trust.LabelErrorDetector} snapshot flags a record whose weak label is likely
 *       wrong, with the suspected class.
 * </ul>
 *
 * <p>Every per-record call costs O(classes) (times a binary search over the bounded gold window);
 * every piece of state has a versioned byte form, so it can be restored exactly (exactly-once) and
 * two instances with equal state report equal versions. Randomness is a deterministic function of
 * the record id and a seed ({@link dev.weakstream.trust.RecordUniform}), so streaming equals
 * offline.
 *
 * <p>Plain Java: imports only the JDK. {@code ArchitectureTest} enforces this. See docs/trust.md.
 */
package dev.weakstream.trust;
