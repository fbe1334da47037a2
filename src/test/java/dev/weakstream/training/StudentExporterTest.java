package dev.weakstream.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl;
import dev.weakstream.bench.StudentServingBenchmark;
import dev.weakstream.core.TextRecord;
import dev.weakstream.student.HashedFeaturizer;
import dev.weakstream.student.LinearStudent;
import dev.weakstream.student.OnnxStudent;
import dev.weakstream.student.RandomStudents;
import dev.weakstream.student.SparseFeatures;
import dev.weakstream.student.StudentMetadata;
import dev.weakstream.wrench.WrenchDataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exported ONNX student against the Java computation it was exported from, on real YouTube
 * comments: parity within 1e-5, metadata round trip, sparse inputs, load-time validation.
 */
class StudentExporterTest {

  private static final List<String> CLASSES = List.of("HAM", "SPAM");
  private static List<String> texts;

  @BeforeAll
  static void loadTexts() {
    WrenchDataset youtube = WrenchDataset.load(Path.of("src/test/resources/wrench/youtube"));
    texts = youtube.test().rows().stream().map(WrenchDataset.Row::text).limit(200).toList();
  }

  private static List<TextRecord> records(List<String> batch) {
    List<TextRecord> records = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      records.add(new TextRecord(String.valueOf(i), batch.get(i), Map.of()));
    }
    return records;
  }

  @Test
  void onnxRuntimeAgreesWithJavaOnSparseAndDenseParts() {
    LinearStudent student = RandomStudents.of(11, CLASSES, true, 16, 1.0);
    HashedFeaturizer featurizer = new HashedFeaturizer(student.hashing());
    Random random = new Random(5);
    List<SparseFeatures> features = texts.stream().map(featurizer::featurize).toList();
    float[][] embeddings = new float[texts.size()][16];
    for (float[] e : embeddings) {
      for (int d = 0; d < e.length; d++) {
        e[d] = (float) random.nextGaussian();
      }
    }
    try (OnnxStudent onnx = OnnxStudent.open(StudentExporter.toOnnx(student, "yt-student", "3"))) {
      assertThat(onnx.embeddingDim()).isEqualTo(16);
      // batches of 32 are padded to their longest feature list
      for (int start = 0; start < texts.size(); start += 32) {
        int end = Math.min(texts.size(), start + 32);
        double[][] served =
            onnx.predict(features.subList(start, end), Arrays.copyOfRange(embeddings, start, end));
        for (int i = start; i < end; i++) {
          double[] expected = student.predict(features.get(i), embeddings[i]);
          for (int j = 0; j < CLASSES.size(); j++) {
            assertThat(served[i - start][j]).isCloseTo(expected[j], within(1e-5));
          }
        }
      }
      assertThatThrownBy(() -> onnx.predict(records(texts.subList(0, 2))))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("teacher embeddings of width 16");
    }
  }

  @Test
  void aHashedStudentServesTextsAndItsPredictionsAreNotTrivial() {
    LinearStudent student = RandomStudents.of(12, List.of("A", "B", "C"), true, 0, 2.0);
    HashedFeaturizer featurizer = new HashedFeaturizer(student.hashing());
    try (OnnxStudent onnx = OnnxStudent.open(StudentExporter.toOnnx(student, "s", "1"), 2, 3)) {
      double[][] served = onnx.predict(records(texts));
      double maxSpread = 0;
      for (int i = 0; i < texts.size(); i++) {
        double[] expected = student.predict(featurizer.featurize(texts.get(i)), null);
        for (int j = 0; j < 3; j++) {
          assertThat(served[i][j]).isCloseTo(expected[j], within(1e-5));
        }
        maxSpread = Math.max(maxSpread, served[i][0] - served[i][1]);
      }
      assertThat(maxSpread)
          .as("random weights give confident predictions somewhere")
          .isGreaterThan(0.3);
      assertThat(onnx.predict(List.of())).isEmpty();
    }
  }

  /**
   * Serving in batches of {@link StudentServingBenchmark#DEFAULT_BATCH}, as {@code bench hotswap}
   * does when it measures {@code student_rps}: every text gets the prediction the Java computation
   * gives it and the one it gets served alone, whatever the longest text it is padded with. (The
   * speed itself is {@code bench hotswap}'s business; a timed unit test could only fail by noise.)
   */
  @Test
  void batchedServingGivesEachTextItsOwnPrediction() {
    LinearStudent student = RandomStudents.of(17, CLASSES, true, 0, 1.0);
    HashedFeaturizer featurizer = new HashedFeaturizer(student.hashing());
    int batch = StudentServingBenchmark.DEFAULT_BATCH;
    try (OnnxStudent onnx = OnnxStudent.open(StudentExporter.toOnnx(student, "s", "1"))) {
      for (int start = 0; start < texts.size(); start += batch) {
        List<String> part = texts.subList(start, Math.min(texts.size(), start + batch));
        double[][] served = onnx.predict(records(part));
        assertThat(served).hasNumberOfRows(part.size());
        for (int i = 0; i < part.size(); i++) {
          double[] expected = student.predict(featurizer.featurize(part.get(i)), null);
          double[] alone = onnx.predict(records(List.of(part.get(i))))[0];
          for (int j = 0; j < CLASSES.size(); j++) {
            assertThat(served[i][j]).isCloseTo(expected[j], within(1e-5));
            assertThat(served[i][j]).isCloseTo(alone[j], within(1e-6));
          }
        }
      }
    }
  }

  @Test
  void anEmbeddingOnlyStudentHasNoSparseInputs() {
    LinearStudent student = RandomStudents.of(13, CLASSES, false, 8, 1.0);
    byte[] bytes = StudentExporter.toOnnx(student, "emb", "2");
    float[][] embedding = {{1, 2, 3, 4, 5, 6, 7, 8}};
    try (OnnxStudent onnx = OnnxStudent.open(bytes)) {
      double[] expected = student.predict(null, embedding[0]);
      assertThat(onnx.predict(null, embedding)[0][1]).isCloseTo(expected[1], within(1e-5));
    }
  }

  @Test
  void theGraphTakesSparseIndicesNotADenseHashedVector() throws Exception {
    byte[] bytes = StudentExporter.toOnnx(RandomStudents.of(14, CLASSES, true, 0, 1.0), "s", "1");
    OnnxMl.ModelProto model = OnnxMl.ModelProto.parseFrom(bytes);
    assertThat(model.getOpsetImport(0).getVersion()).isEqualTo(StudentExporter.OPSET);
    assertThat(model.getGraph().getInputList())
        .extracting(OnnxMl.ValueInfoProto::getName)
        .containsExactlyInAnyOrder(OnnxStudent.INDICES, OnnxStudent.VALUES);
    OnnxMl.ValueInfoProto indices =
        model.getGraph().getInputList().stream()
            .filter(i -> i.getName().equals(OnnxStudent.INDICES))
            .findFirst()
            .orElseThrow();
    assertThat(indices.getType().getTensorType().getElemType())
        .isEqualTo(OnnxMl.TensorProto.DataType.INT64.getNumber());
    assertThat(indices.getType().getTensorType().getShape().getDimList())
        .allSatisfy(d -> assertThat(d.hasDimValue()).isFalse());
    OnnxMl.TensorProto weights =
        model.getGraph().getInitializerList().stream()
            .filter(t -> t.getName().contains("sparse_weights"))
            .findFirst()
            .orElseThrow();
    assertThat(weights.getDimsList()).containsExactly((long) (1 << 18) + 1, 2L);
  }

  @Test
  void metadataCarriesFeaturizerClassesAndEveryProvenanceEntry() {
    LinearStudent student = RandomStudents.of(15, CLASSES, true, 4, 1.0);
    byte[] bytes = StudentExporter.toOnnx(student, "yt-student", "7");
    StudentMetadata read = StudentExporter.readMetadata(bytes);
    assertThat(read).isEqualTo(StudentMetadata.of(student, "yt-student", "7"));
    assertThat(read.provenance())
        .isEqualTo(student.provenance())
        .containsKeys("seed", "shards", "code.version");
    Map<String, String> props = StudentExporter.metadataProps(bytes);
    assertThat(props.get(StudentMetadata.HASHING))
        .isEqualTo(
            "{\"bits\":18,\"min_word_ngram\":1,\"max_word_ngram\":2,\"min_char_ngram\":3,\"max_char_ngram\":5}");
    assertThat(props).containsEntry("provenance.label_model.version", "ds-7");
    try (OnnxStudent onnx = OnnxStudent.open(bytes)) {
      assertThat(onnx.metadata()).isEqualTo(read);
      assertThat(onnx.name()).isEqualTo("yt-student");
      assertThat(onnx.version()).isEqualTo("7");
    }
  }

  @Test
  void badModelsFailTheLoadWithAClearMessage() throws Exception {
    byte[] good = StudentExporter.toOnnx(RandomStudents.of(16, CLASSES, true, 0, 1.0), "s", "1");
    assertThatThrownBy(() -> OnnxStudent.open(good, 1, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has 2 classes")
        .hasMessageContaining("pipeline has 3");
    assertThatThrownBy(() -> OnnxStudent.open(new byte[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot load");
    OnnxMl.ModelProto model = OnnxMl.ModelProto.parseFrom(good);
    byte[] noMetadata = model.toBuilder().clearMetadataProps().build().toByteArray();
    assertThatThrownBy(() -> OnnxStudent.open(noMetadata))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("student.class_names");
    // metadata that promise a dense input the graph does not have
    OnnxMl.ModelProto.Builder lying = model.toBuilder();
    for (int i = 0; i < lying.getMetadataPropsCount(); i++) {
      if (lying.getMetadataProps(i).getKey().equals(StudentMetadata.EMBEDDING_DIM)) {
        lying.setMetadataProps(i, lying.getMetadataProps(i).toBuilder().setValue("8"));
      }
    }
    assertThatThrownBy(() -> OnnxStudent.open(lying.build().toByteArray()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected [embedding, indices, values]");
  }
}
