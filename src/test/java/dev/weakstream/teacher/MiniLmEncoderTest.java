package dev.weakstream.teacher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bundled MiniLM teacher: embedding sanity, padding invariance, cache. */
class MiniLmEncoderTest {

  private static SentenceEncoder encoder;

  @BeforeAll
  static void open() {
    encoder = SentenceEncoder.open(TeacherManifests.byName("minilm"), 1000);
  }

  @AfterAll
  static void close() {
    encoder.close();
    encoder.close(); // idempotent
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }

  @Test
  void embeddingsAreUnitLengthAndSimilarSentencesAreCloser() {
    float[][] e =
        encoder.embedUncached(
            List.of(
                "Check out my channel and subscribe!",
                "Please subscribe to my YouTube channel",
                "The weather in Paris is lovely in spring."));
    assertThat(e[0]).hasSize(384);
    for (float[] v : e) {
      assertThat(dot(v, v)).isCloseTo(1.0, Offset.offset(1e-5));
    }
    assertThat(dot(e[0], e[1])).isGreaterThan(dot(e[0], e[2]) + 0.2);
    assertThat(encoder.device()).isEqualTo(Device.CPU);
  }

  @Test
  void aTextAloneAndInAPaddedBatchGetsTheSameEmbedding() {
    String text = "short one";
    float[] alone = encoder.embedUncached(List.of(text))[0];
    float[][] batch =
        encoder.embedUncached(
            List.of(
                "a considerably longer sentence that forces the batch to be padded well beyond the short one",
                text,
                "medium length sentence here"));
    for (int d = 0; d < alone.length; d++) {
      assertThat((double) batch[1][d]).isCloseTo(alone[d], Offset.offset(1e-5));
    }
  }

  @Test
  void repeatedTextsHitTheCacheAfterNormalisation() {
    long hits = encoder.cache().hits();
    float[] first = encoder.embed(List.of("Hello   World"))[0];
    float[] second = encoder.embed(List.of("hello world"))[0];
    assertThat(second).isSameAs(first);
    assertThat(encoder.cache().hits()).isEqualTo(hits + 1);
  }

  @Test
  void zeroAndFewShotTeachersShareTheEncoderAndRefitSwapsTheHead() {
    List<String> descriptions =
        List.of("A normal comment about the video.", "Spam: check out my channel and subscribe.");
    List<String> gold =
        List.of(
            "great song, love it",
            "this video is amazing",
            "nice voice",
            "subscribe to my channel",
            "check out my page for free stuff",
            "visit my website now");
    int[] labels = {0, 0, 0, 1, 1, 1};
    try (EmbeddingTeacher zs = EmbeddingTeacher.zeroShot(encoder, false, descriptions);
        EmbeddingTeacher fs = EmbeddingTeacher.fewShot(encoder, false, gold, labels, 2, 42)) {
      double[][] p = zs.predict(List.of("please subscribe to my channel"));
      assertThat(p[0][1]).isGreaterThan(p[0][0]);
      double[][] q =
          fs.predict(List.of("subscribe to my new channel please", "what a beautiful song"));
      assertThat(q[0][1]).isGreaterThan(0.5);
      assertThat(q[1][0]).isGreaterThan(0.5);
      assertThat(fs.device()).isEqualTo(Device.CPU);
      String before = fs.version();
      fs.refit(
          List.of(
              "great song, love it",
              "nice voice",
              "subscribe to my channel",
              "visit my website now"),
          new int[] {0, 0, 1, 1});
      assertThat(fs.version()).isNotEqualTo(before);
      assertThat(fs.name()).isEqualTo("minilm-fewshot");
    }
    // the teachers did not own the encoder: it still works
    assertThat(encoder.embedUncached(List.of("still open"))[0]).hasSize(384);
  }
}
