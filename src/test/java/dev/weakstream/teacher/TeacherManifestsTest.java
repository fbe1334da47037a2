package dev.weakstream.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Manifest parsing: the shipped minilm manifest, defaults, and errors naming manifest and field.
 */
class TeacherManifestsTest {

  @Test
  void theShippedMiniLmManifestResolvesItsResources() {
    TeacherManifest m = TeacherManifests.byName("minilm");
    assertThat(m.kind()).isEqualTo(TeacherManifest.Kind.EMBEDDING);
    assertThat(m.model().exists()).isTrue();
    assertThat(m.tokenizer().exists()).isTrue();
    assertThat(m.output()).isEqualTo("last_hidden_state");
    assertThat(m.tokenTypeIdsInput()).isEqualTo("token_type_ids");
    assertThat(m.pooling()).isEqualTo(TeacherManifest.Pooling.MEAN);
    assertThat(m.device()).isEqualTo(Device.CPU);
    assertThat(m.maxSequenceLength()).isEqualTo(128);
  }

  @Test
  void anUnknownTeacherSaysWhereItLooked() {
    assertThatThrownBy(() -> TeacherManifests.byName("nope"))
        .hasMessageContaining("unknown teacher 'nope'")
        .hasMessageContaining("nope.yaml");
  }

  @Test
  void errorsNameTheManifestTheFieldAndTheFix() {
    String base =
        "name: x\nmodel: classpath:all-minilm-l6-v2-q.onnx\n"
            + "tokenizer: classpath:all-minilm-l6-v2-q-tokenizer.json\n";
    assertThatThrownBy(() -> TeacherManifests.parse(base + "device: tpu\n", "models/x.yaml", null))
        .isInstanceOf(TeacherManifestException.class)
        .hasMessageContaining("models/x.yaml: field 'device'")
        .hasMessageContaining("cpu, cuda");
    assertThatThrownBy(
            () -> TeacherManifests.parse(base + "max_sequence_length: big\n", "m.yaml", null))
        .hasMessageContaining("field 'max_sequence_length'");
    assertThatThrownBy(() -> TeacherManifests.parse(base + "pooling_mode: mean\n", "m.yaml", null))
        .hasMessageContaining("field 'pooling_mode': unknown field");
    assertThatThrownBy(
            () ->
                TeacherManifests.parse(
                    "name: x\nmodel: missing.onnx\ntokenizer: t.json\n",
                    "m.yaml",
                    Path.of("/nonexistent")))
        .hasMessageContaining("field 'model'")
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> TeacherManifests.parse(base.replace("name: x\n", ""), "m.yaml", null))
        .hasMessageContaining("field 'name': is missing");
  }
}
