package dev.weakstream.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session's lifecycle: the session options it was created with stay open as long as the session
 * (ONNX Runtime's rule) and are closed with it; closing twice is harmless.
 */
class OnnxTextSessionTest {

  @TempDir Path dir;

  @Test
  void keepsItsOptionsOpenWhileItLivesAndClosesThemWithTheSession() throws Exception {
    Path model = OnnxFixtures.model(dir, OnnxFixtures.Spec.standard());
    Path tokenizer = OnnxFixtures.tokenizer(dir);
    TeacherManifest manifest =
        TeacherManifests.parse(
            OnnxFixtures.classifierManifest(model, tokenizer, ""), "fixture.yaml", dir);
    OnnxTextSession session = OnnxTextSession.open(manifest, 2);
    OrtSession.SessionOptions options = session.sessionOptions();
    // getConfigEntries() throws IllegalStateException on closed options
    assertThatCode(options::getConfigEntries).doesNotThrowAnyException();

    // "good movie": ids 1 and 5 of the fixture vocabulary
    OnnxTextSession.Output output =
        session.run(new TokenBatch(1, 2, new long[] {1, 5}, new long[] {1, 1}, new long[] {0, 0}));
    assertThat(output.shape()).containsExactly(1, 2);
    assertThat(output.values()[0]).isGreaterThan(output.values()[1]);

    session.close();
    assertThatThrownBy(options::getConfigEntries).isInstanceOf(IllegalStateException.class);
    assertThatCode(session::close).doesNotThrowAnyException();
  }
}
