/**
 * Label models: combine the votes of many noisy sources into class probabilities without gold
 * labels.
 *
 * <p>{@link dev.weakstream.labelmodel.VoteStatistics} is the bounded, mergeable, serializable
 * summary of a vote stream that a model is fitted from; {@link
 * dev.weakstream.labelmodel.DawidSkeneFitter} fits a {@link
 * dev.weakstream.labelmodel.DawidSkeneModel} (an immutable {@link dev.weakstream.core.Labeler}
 * snapshot whose parameters travel as bytes); {@link dev.weakstream.labelmodel.LabelModelFactory}
 * names the shipped models. The fitted model never imports the fitter, so the scoring path does not
 * depend on training code.
 *
 * <p>Plain Java: imports only the JDK and {@code dev.weakstream.core}.
 */
package dev.weakstream.labelmodel;
