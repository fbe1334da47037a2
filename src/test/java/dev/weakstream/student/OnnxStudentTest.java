package dev.weakstream.student;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OrtSession;
import dev.weakstream.core.TextRecord;
import dev.weakstream.training.StudentExporter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The served student's lifecycle: the session options it was created with stay open as long as the
 * session (ONNX Runtime's rule) and are closed with it; closing twice is harmless.
 */
class OnnxStudentTest {

  private static final List<String> CLASSES = List.of("HAM", "SPAM");

  @Test
  void keepsItsOptionsOpenWhileItLivesAndClosesThemWithTheSession() {
    LinearStudent student = RandomStudents.of(21, CLASSES, true, 0, 1.0);
    OnnxStudent onnx = OnnxStudent.open(StudentExporter.toOnnx(student, "s", "1"));
    OrtSession.SessionOptions options = onnx.sessionOptions();
    // getConfigEntries() throws IllegalStateException on closed options
    assertThatCode(options::getConfigEntries).doesNotThrowAnyException();

    String text = "check out my channel";
    double[] expected =
        student.predict(new HashedFeaturizer(student.hashing()).featurize(text), null);
    double[] served = onnx.predict(List.of(new TextRecord("1", text, Map.of())))[0];
    assertThat(served[1]).isCloseTo(expected[1], within(1e-5));

    onnx.close();
    assertThatThrownBy(options::getConfigEntries).isInstanceOf(IllegalStateException.class);
    assertThatCode(onnx::close).doesNotThrowAnyException();
  }
}
