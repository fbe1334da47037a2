package dev.weakstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline's {@code teachers:} section, read next to an otherwise valid definition. */
class TeacherSectionTest {

  @TempDir
  Path dir;

  private Path withTeachers(String section) throws Exception {
    String base = Files.readString(Path.of("topology/youtube-spam.yaml"));
    Path lexicons = dir.resolve("lexicons");
    Files.createDirectories(lexicons);
    try (var files = Files.list(Path.of("topology/lexicons"))) {
      for (Path f : files.toList()) {
        Files.copy(f, lexicons.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Path file = dir.resolve("p.yaml");
    Files.writeString(file, base + "\n" + section);
    return file;
  }

  @Test
  void readsNamesAndModesAndThePipelineStillLoads() throws Exception {
    Path file = withTeachers("teachers:\n  - {name: minilm, mode: fewshot}\n  - name: minilm\n");
    assertThat(TeacherSection.load(file)).containsExactly(
        new TeacherReference("minilm", TeacherReference.Mode.FEWSHOT),
        new TeacherReference("minilm", TeacherReference.Mode.ZEROSHOT));
    assertThat(PipelineLoader.load(file).name()).isEqualTo("youtube-spam");
  }

  @Test
  void noSectionMeansNoTeachers() {
    assertThat(TeacherSection.load(Path.of("topology/youtube-spam.yaml"))).isEmpty();
  }

  @Test
  void errorsNameTheField() throws Exception {
    assertThatThrownBy(() -> TeacherSection.load(withTeachers("teachers:\n  - {name: minilm, mode: oneshot}\n")))
        .isInstanceOf(PipelineDefinitionException.class)
        .hasMessageContaining("teachers[0].mode")
        .hasMessageContaining("zeroshot or fewshot");
    assertThatThrownBy(() -> TeacherSection.load(withTeachers("teachers:\n  - {mode: fewshot}\n")))
        .hasMessageContaining("teachers[0].name");
    assertThatThrownBy(() -> TeacherSection.load(withTeachers("teachers:\n  - {name: minilm, head: x}\n")))
        .hasMessageContaining("head");
  }
}
