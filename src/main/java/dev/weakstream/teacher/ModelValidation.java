package dev.weakstream.teacher;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks at load time that a model matches its manifest: every declared input exists, is int64 and
 * of rank 2; the model needs no undeclared input; the output exists, is float and has the rank the
 * kind needs; a classifier's static class count matches the manifest and the pipeline. Errors name
 * the manifest, the field and the fix. Stateless.
 */
public final class ModelValidation {

  private ModelValidation() {}

  /**
   * Validates {@code session} against {@code manifest}.
   *
   * @param expectedClasses the pipeline's class count for a classifier, or 0 when not known
   * @return the output's static last dimension (embedding size or class count), or -1 if dynamic
   */
  public static long validate(OrtSession session, TeacherManifest manifest, int expectedClasses) {
    String origin = manifest.origin();
    Map<String, NodeInfo> inputs;
    Map<String, NodeInfo> outputs;
    try {
      inputs = session.getInputInfo();
      outputs = session.getOutputInfo();
    } catch (OrtException e) {
      throw new TeacherManifestException(
          origin,
          "model",
          "cannot read the model's inputs and outputs",
          "check that '" + manifest.model() + "' is an ONNX model",
          e);
    }
    Map<String, String> declared = new LinkedHashMap<>();
    declared.put("inputs.input_ids", manifest.inputIdsInput());
    declared.put("inputs.attention_mask", manifest.attentionMaskInput());
    if (manifest.tokenTypeIdsInput() != null) {
      declared.put("inputs.token_type_ids", manifest.tokenTypeIdsInput());
    }
    for (Map.Entry<String, String> e : declared.entrySet()) {
      NodeInfo info = inputs.get(e.getValue());
      if (info == null) {
        throw new TeacherManifestException(
            origin,
            e.getKey(),
            "the model has no input '" + e.getValue() + "'",
            "use one of the model's inputs " + inputs.keySet());
      }
      TensorInfo tensor = tensor(origin, e.getKey(), info);
      if (tensor.type != OnnxJavaType.INT64 || tensor.getShape().length != 2) {
        throw new TeacherManifestException(
            origin,
            e.getKey(),
            "input '"
                + e.getValue()
                + "' is "
                + tensor.type
                + " of rank "
                + tensor.getShape().length
                + ", expected INT64 [batch, seq]",
            "export the model with int64 [batch, sequence] inputs");
      }
    }
    for (String name : inputs.keySet()) {
      if (!declared.containsValue(name)) {
        throw new TeacherManifestException(
            origin,
            "inputs",
            "the model needs input '" + name + "', which the manifest does not declare",
            "map it under inputs (e.g. token_type_ids: " + name + ")");
      }
    }
    NodeInfo out = outputs.get(manifest.output());
    if (out == null) {
      throw new TeacherManifestException(
          origin,
          "output",
          "the model has no output '" + manifest.output() + "'",
          "use one of the model's outputs " + outputs.keySet());
    }
    TensorInfo tensor = tensor(origin, "output", out);
    long[] shape = tensor.getShape();
    if (tensor.type != OnnxJavaType.FLOAT) {
      throw new TeacherManifestException(
          origin,
          "output",
          "output '" + manifest.output() + "' is " + tensor.type + ", expected FLOAT",
          "export the model with a float32 output");
    }
    boolean embedding = manifest.kind() == TeacherManifest.Kind.EMBEDDING;
    boolean rankOk = embedding ? shape.length == 2 || shape.length == 3 : shape.length == 2;
    if (!rankOk) {
      throw new TeacherManifestException(
          origin,
          "output",
          "output '"
              + manifest.output()
              + "' has shape "
              + Arrays.toString(shape)
              + ", expected "
              + (embedding ? "[batch, seq, dim] or [batch, dim]" : "[batch, classes]"),
          embedding
              ? "name the token-embedding output (e.g. last_hidden_state)"
              : "name the logits output, or declare kind: embedding");
    }
    long last = shape[shape.length - 1];
    if (!embedding && last > 0) {
      if (manifest.numClasses() > 0 && last != manifest.numClasses()) {
        throw new TeacherManifestException(
            origin,
            "num_classes",
            "declares "
                + manifest.numClasses()
                + " classes but output '"
                + manifest.output()
                + "' has "
                + last,
            "set num_classes: " + last + " or use the matching model");
      }
      if (expectedClasses > 0 && last != expectedClasses) {
        throw new TeacherManifestException(
            origin,
            "output",
            "the model has " + last + " classes but the pipeline has " + expectedClasses,
            "use a model trained on the pipeline's " + expectedClasses + " classes, in its order");
      }
    }
    return last;
  }

  private static TensorInfo tensor(String origin, String field, NodeInfo info) {
    if (!(info.getInfo() instanceof TensorInfo t)) {
      throw new TeacherManifestException(
          origin,
          field,
          "'" + info.getName() + "' is not a tensor",
          "export the model with plain tensors");
    }
    return t;
  }
}
