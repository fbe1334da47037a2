package dev.weakstream.teacher;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Small ONNX text models and tokenizers written by test code (no committed binaries): a WordLevel
 * tokenizer.json over a tiny vocabulary, and a graph {@code input_ids, attention_mask ->
 * Gather(embedding table) -> masked mean -> MatMul + bias -> logits [batch, classes]}, which also
 * exposes the token vectors as {@code last_hidden_state} [batch, seq, dim]. "good"/"great" point to
 * class 0, "bad"/"awful" to class 1.
 */
public final class OnnxFixtures {

  static final List<String> VOCAB =
      List.of("[UNK]", "good", "great", "bad", "awful", "movie", "the");
  static final int DIM = 3;

  private OnnxFixtures() {}

  /** Options of a generated model. */
  public record Spec(int numClasses, boolean withTokenTypeIds, TensorProto.DataType idsType) {
    public static Spec standard() {
      return new Spec(2, false, TensorProto.DataType.INT64);
    }
  }

  /**
   * Writes a WordLevel tokenizer.json (lower-casing, whitespace pre-tokenizer, no special tokens).
   */
  public static Path tokenizer(Path dir) throws IOException {
    StringBuilder vocab = new StringBuilder();
    for (int i = 0; i < VOCAB.size(); i++) {
      vocab.append(i == 0 ? "" : ",").append('"').append(VOCAB.get(i)).append("\":").append(i);
    }
    String json =
        "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[],"
            + "\"normalizer\":{\"type\":\"Lowercase\"},\"pre_tokenizer\":{\"type\":\"Whitespace\"},"
            + "\"post_processor\":null,\"decoder\":null,"
            + "\"model\":{\"type\":\"WordLevel\",\"vocab\":{"
            + vocab
            + "},\"unk_token\":\"[UNK]\"}}";
    Path file = dir.resolve("tokenizer.json");
    Files.writeString(file, json);
    return file;
  }

  /** Writes the model; returns its path. */
  public static Path model(Path dir, Spec spec) throws IOException {
    int v = VOCAB.size();
    float[] table = new float[v * DIM];
    // word vectors: dim 0 = positive, dim 1 = negative, dim 2 = neutral
    float[][] rows = {{0, 0, 1}, {2, 0, 0}, {3, 0, 0}, {0, 2, 0}, {0, 3, 0}, {0, 0, 1}, {0, 0, 1}};
    for (int i = 0; i < v; i++) {
      System.arraycopy(rows[i], 0, table, i * DIM, DIM);
    }
    int k = spec.numClasses();
    float[] weights = new float[DIM * k];
    for (int d = 0; d < DIM; d++) {
      for (int c = 0; c < k; c++) {
        weights[d * k + c] = d == c ? 1f : 0f;
      }
    }
    float[] bias = new float[k];
    GraphProto.Builder g = GraphProto.newBuilder().setName("fixture");
    g.addInitializer(floats("table", new long[] {v, DIM}, table));
    g.addInitializer(floats("weights", new long[] {DIM, k}, weights));
    g.addInitializer(floats("bias", new long[] {k}, bias));
    g.addInitializer(longs("axis1", new long[] {1}, new long[] {1}));
    g.addInitializer(longs("axis2", new long[] {1}, new long[] {2}));
    String ids = "input_ids";
    if (spec.idsType() != TensorProto.DataType.INT64) {
      g.addNode(
          node(
              "Cast",
              List.of("input_ids"),
              "ids64",
              AttributeProto.newBuilder()
                  .setName("to")
                  .setType(AttributeProto.AttributeType.INT)
                  .setI(TensorProto.DataType.INT64_VALUE)
                  .build()));
      ids = "ids64";
    }
    g.addNode(node("Gather", List.of("table", ids), "last_hidden_state", null));
    g.addNode(
        node(
            "Cast",
            List.of("attention_mask"),
            "maskf",
            AttributeProto.newBuilder()
                .setName("to")
                .setType(AttributeProto.AttributeType.INT)
                .setI(TensorProto.DataType.FLOAT_VALUE)
                .build()));
    g.addNode(node("Unsqueeze", List.of("maskf", "axis2"), "mask3", null));
    g.addNode(node("Mul", List.of("last_hidden_state", "mask3"), "masked", null));
    g.addNode(node("ReduceSum", List.of("masked", "axis1"), "summed", keepDims(0)));
    g.addNode(node("ReduceSum", List.of("maskf", "axis1"), "count", keepDims(1)));
    g.addNode(node("Div", List.of("summed", "count"), "mean", null));
    g.addNode(node("MatMul", List.of("mean", "weights"), "scores", null));
    g.addNode(node("Add", List.of("scores", "bias"), "logits", null));
    g.addInput(value("input_ids", spec.idsType(), "batch", "seq"));
    g.addInput(value("attention_mask", TensorProto.DataType.INT64, "batch", "seq"));
    if (spec.withTokenTypeIds()) {
      g.addInput(value("token_type_ids", TensorProto.DataType.INT64, "batch", "seq"));
    }
    g.addOutput(value("logits", TensorProto.DataType.FLOAT, "batch", String.valueOf(k)));
    g.addOutput(
        value(
            "last_hidden_state", TensorProto.DataType.FLOAT, "batch", "seq", String.valueOf(DIM)));
    ModelProto model =
        ModelProto.newBuilder()
            .setIrVersion(8)
            .setProducerName("weakstream-tests")
            .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
            .setGraph(g)
            .build();
    Path file =
        dir.resolve(
            "model-"
                + k
                + (spec.withTokenTypeIds() ? "-tt" : "")
                + "-"
                + spec.idsType().name().toLowerCase(Locale.ROOT)
                + ".onnx");
    Files.write(file, model.toByteArray());
    return file;
  }

  /** A classifier manifest for the model, with extra YAML lines appended. */
  public static String classifierManifest(Path model, Path tokenizer, String extra) {
    return "name: fixture\nkind: classifier\nmodel: "
        + model
        + "\ntokenizer: "
        + tokenizer
        + "\n"
        + "inputs: {input_ids: input_ids, attention_mask: attention_mask}\noutput: logits\n"
        + "max_sequence_length: 16\nbatch_size: 4\n"
        + extra;
  }

  private static AttributeProto keepDims(int v) {
    return AttributeProto.newBuilder()
        .setName("keepdims")
        .setType(AttributeProto.AttributeType.INT)
        .setI(v)
        .build();
  }

  private static NodeProto node(
      String op, List<String> inputs, String output, AttributeProto attr) {
    NodeProto.Builder n =
        NodeProto.newBuilder()
            .setOpType(op)
            .setName(output + "_" + op)
            .addAllInput(inputs)
            .addOutput(output);
    if (attr != null) {
      n.addAttribute(attr);
    }
    return n.build();
  }

  private static TensorProto floats(String name, long[] dims, float[] values) {
    TensorProto.Builder t =
        TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT.getNumber());
    for (long d : dims) {
      t.addDims(d);
    }
    for (float f : values) {
      t.addFloatData(f);
    }
    return t.build();
  }

  private static TensorProto longs(String name, long[] dims, long[] values) {
    TensorProto.Builder t =
        TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64.getNumber());
    for (long d : dims) {
      t.addDims(d);
    }
    for (long l : values) {
      t.addInt64Data(l);
    }
    return t.build();
  }

  private static ValueInfoProto value(String name, TensorProto.DataType type, String... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (String d : dims) {
      TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
      if (d.chars().allMatch(Character::isDigit)) {
        dim.setDimValue(Long.parseLong(d));
      } else {
        dim.setDimParam(d);
      }
      shape.addDim(dim);
    }
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            TypeProto.newBuilder()
                .setTensorType(
                    TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape)))
        .build();
  }
}
