/**
 * Teacher models: transformer models run on ONNX Runtime that turn record texts into class
 * probabilities, used as soft votes next to the labeling functions.
 *
 * <p>A teacher is declared by a manifest ({@code models/NAME.yaml}, see {@link
 * dev.weakstream.teacher.TeacherManifest}) and opened by name ({@link
 * dev.weakstream.teacher.TeacherManifests}). Two kinds: an {@link
 * dev.weakstream.teacher.SentenceEncoder} (e.g. the bundled MiniLM) with a {@link
 * dev.weakstream.teacher.ClassificationHead} on top — {@link dev.weakstream.teacher.ZeroShotHead}
 * from class descriptions or {@link dev.weakstream.teacher.FewShotHead} fitted on gold rows — and a
 * user-brought {@link dev.weakstream.teacher.OnnxClassifierTeacher} whose model outputs logits.
 * Tokenizers load only offline ({@link dev.weakstream.teacher.OfflineGuard}). Every model is
 * validated when it is loaded ({@link dev.weakstream.teacher.ModelValidation}).
 */
package dev.weakstream.teacher;
