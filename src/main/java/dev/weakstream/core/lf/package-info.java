/**
 * The built-in kinds of labeling function — {@code keywords}, {@code regex}, {@code length}, {@code
 * attribute} and {@code lexicon} — each an immutable, thread-safe {@link
 * dev.weakstream.core.LabelingFunction} that votes one class or abstains.
 *
 * <p>Plain Java: this package imports only the JDK, the core package and RE2/J. Regular expressions
 * are RE2/J patterns, which match in time linear in the text times the program size; a pattern too
 * large is refused before it compiles ({@link dev.weakstream.core.lf.RegexSize}) and each match
 * keeps to a time budget per record ({@code MatchBudget}), so no user-written pattern can stall a
 * stream thread on a hostile comment. Reading definitions (YAML, files, plugin classes) is the
 * pipeline loader's job, not this package's.
 */
package dev.weakstream.core.lf;
