package dev.weakstream.training;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.weakstream.student.LinearStudent;
import dev.weakstream.student.OnnxStudent;
import dev.weakstream.student.StudentMetadata;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

/**
 * Exports a {@link LinearStudent} to an ONNX model (opset {@value #OPSET}, built with Tribuo's
 * graph builder) that {@link OnnxStudent} serves, with its {@link StudentMetadata} in {@code
 * metadata_props}.
 *
 * <p>The hashed part never takes a dense 2^bits-wide input: inputs {@code indices} (int64 [batch,
 * k], padded with the pad slot 2^bits, whose weight row is all zero) and {@code values} (float
 * [batch, k], padded with 0) feed {@code Gather(W, indices) * values → ReduceSum over k}; an {@code
 * embedding} input (float [batch, d]) adds {@code embedding × Wd} when the student has a dense
 * part; then the bias and a softmax give {@code probabilities} (float [batch, C]).
 *
 * <p>Stateless and thread-safe.
 */
public final class StudentExporter {

  /** The ONNX opset of the exported graphs (Tribuo's). */
  public static final int OPSET = 13;

  private static final long IR_VERSION = 7; // the IR version of opset 13

  private StudentExporter() {}

  /** The ONNX model bytes of {@code model}, published as {@code name} version {@code version}. */
  public static byte[] toOnnx(LinearStudent model, String name, String version) {
    if (ONNXOperators.getOpsetVersion() != OPSET) {
      throw new IllegalStateException(
          "Tribuo builds opset " + ONNXOperators.getOpsetVersion() + ", expected " + OPSET);
    }
    int c = model.numClasses();
    ONNXContext context = new ONNXContext();
    context.setName("weakstream-student");
    // Tribuo's context declares float [batch, n] inputs only; the indices input is retyped below.
    ONNXPlaceholder indices =
        model.hashing() == null ? null : context.floatInput(OnnxStudent.INDICES, 1);
    ONNXPlaceholder values =
        model.hashing() == null ? null : context.floatInput(OnnxStudent.VALUES, 1);
    ONNXPlaceholder embedding =
        model.embeddingDim() == 0
            ? null
            : context.floatInput(OnnxStudent.EMBEDDING, model.embeddingDim());
    ONNXPlaceholder output = context.floatOutput(OnnxStudent.PROBABILITIES, c);

    ONNXRef<?> logits = context.array("bias", model.bias());
    if (model.hashing() != null) {
      int rows = model.hashing().dimension();
      float[] sparse = model.sparseWeights();
      // one extra all-zero row: the pad slot 2^bits
      ONNXInitializer weights =
          context.floatTensor(
              "sparse_weights",
              List.of(rows + 1, c),
              buffer -> buffer.put(sparse, 0, sparse.length).put(new float[c]));
      ONNXNode gathered = weights.apply(ONNXOperators.GATHER, indices, Map.of("axis", 0));
      ONNXNode weighted =
          gathered.apply(
              ONNXOperators.MUL,
              values.apply(
                  ONNXOperators.UNSQUEEZE, context.array("unsqueeze_axes", new long[] {2})));
      ONNXNode summed =
          weighted.apply(
              ONNXOperators.REDUCE_SUM,
              context.array("reduce_axes", new long[] {1}),
              Map.of("keepdims", 0));
      logits = summed.apply(ONNXOperators.ADD, logits);
    }
    if (model.embeddingDim() > 0) {
      float[] dense = model.denseWeights();
      ONNXInitializer denseWeights =
          context.floatTensor(
              "dense_weights", List.of(model.embeddingDim(), c), buffer -> buffer.put(dense));
      ONNXNode product = embedding.apply(ONNXOperators.GEMM, denseWeights);
      logits = product.apply(ONNXOperators.ADD, logits);
    }
    logits.apply(ONNXOperators.SOFTMAX, Map.of("axis", 1)).assignTo(output);

    OnnxMl.GraphProto.Builder graph = context.buildGraph().toBuilder();
    for (int i = 0; i < graph.getInputCount(); i++) {
      OnnxMl.ValueInfoProto input = graph.getInput(i);
      if (input.getName().equals(OnnxStudent.INDICES)) {
        graph.setInput(
            i, tensorInfo(OnnxStudent.INDICES, OnnxMl.TensorProto.DataType.INT64, "features"));
      } else if (input.getName().equals(OnnxStudent.VALUES)) {
        graph.setInput(
            i, tensorInfo(OnnxStudent.VALUES, OnnxMl.TensorProto.DataType.FLOAT, "features"));
      }
    }
    OnnxMl.ModelProto.Builder onnx =
        OnnxMl.ModelProto.newBuilder()
            .setIrVersion(IR_VERSION)
            .addOpsetImport(ONNXOperators.getOpsetProto())
            .setProducerName("weakstream")
            .setDomain("dev.weakstream.student")
            .setDocString("Weakstream linear student " + name + " " + version)
            .setGraph(graph);
    try {
      onnx.setModelVersion(Long.parseLong(version));
    } catch (NumberFormatException e) {
      // a non-numeric version lives in the metadata only
    }
    StudentMetadata.of(model, name, version)
        .toProperties()
        .forEach(
            (k, v) ->
                onnx.addMetadataProps(
                    OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
    return onnx.build().toByteArray();
  }

  /**
   * The {@code metadata_props} of an exported student, read back without ONNX Runtime.
   *
   * @throws IllegalArgumentException when the bytes are not an ONNX model or lack the student's
   *     keys
   */
  public static StudentMetadata readMetadata(byte[] onnx) {
    return StudentMetadata.fromProperties(metadataProps(onnx));
  }

  /** All {@code metadata_props} of an ONNX model, in file order. */
  public static Map<String, String> metadataProps(byte[] onnx) {
    OnnxMl.ModelProto model;
    try {
      model = OnnxMl.ModelProto.parseFrom(onnx);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("not an ONNX model: " + e.getMessage(), e);
    }
    Map<String, String> props = new LinkedHashMap<>();
    model.getMetadataPropsList().forEach(p -> props.put(p.getKey(), p.getValue()));
    return props;
  }

  /** A tensor input with a symbolic batch dimension and a symbolic second dimension. */
  private static OnnxMl.ValueInfoProto tensorInfo(
      String name, OnnxMl.TensorProto.DataType type, String second) {
    OnnxMl.TensorShapeProto shape =
        OnnxMl.TensorShapeProto.newBuilder()
            .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
            .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam(second))
            .build();
    return OnnxMl.ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            OnnxMl.TypeProto.newBuilder()
                .setTensorType(
                    OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(type.getNumber())
                        .setShape(shape)))
        .build();
  }
}
