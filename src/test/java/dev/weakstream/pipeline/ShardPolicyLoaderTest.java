package dev.weakstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code shards:} section of a pipeline definition. */
class ShardPolicyLoaderTest {

  @TempDir Path temp;

  private Path withShards(String section) throws Exception {
    Path resources = Path.of(getClass().getResource("/pipelines/valid.yaml").toURI()).getParent();
    Files.createDirectories(temp.resolve("lexicons"));
    Files.copy(
        resources.resolve("lexicons/music.txt"),
        temp.resolve("lexicons/music.txt"),
        StandardCopyOption.REPLACE_EXISTING);
    Path file = temp.resolve("valid.yaml");
    Files.writeString(file, Files.readString(resources.resolve("valid.yaml")) + section);
    return file;
  }

  @Test
  void absentSectionMeansNoShards() throws Exception {
    assertThat(PipelineLoader.load(withShards("")).shards()).isNull();
  }

  @Test
  void readsEveryField() throws Exception {
    Path file =
        withShards(
            "shards:\n  min_confidence: 0.75\n  drop_uncovered: true\n  per_class_cap: 40\n"
                + "  seal_records: 100\n  seal_age_seconds: 30\n  retain_shards: 5\n  retain_age_seconds: 3600\n");
    assertThat(PipelineLoader.load(file).shards())
        .isEqualTo(
            new ShardPolicy(0.75, true, 40, 100, Duration.ofSeconds(30), 5, Duration.ofHours(1)));
  }

  @Test
  void emptySectionGivesTheDefaults() throws Exception {
    assertThat(PipelineLoader.load(withShards("shards: {}\n")).shards())
        .isEqualTo(ShardPolicy.defaults());
  }

  @Test
  void rejectsUnknownKeysAndBadValuesNamingTheField() throws Exception {
    assertThat(message(withShards("shards: {seal_record: 10}\n")))
        .contains("shards.seal_record: unknown field 'seal_record' — did you mean 'seal_records'?");
    assertThat(message(withShards("shards: {min_confidence: 1.5}\n")))
        .contains("shards.min_confidence")
        .contains("must be in [0, 1]");
    assertThat(message(withShards("shards: {min_confidence: high}\n")))
        .contains("shards.min_confidence")
        .contains("must be a number");
    assertThat(message(withShards("shards: {seal_records: 0}\n")))
        .contains("shards.seal_records")
        .contains(">= 1");
    assertThat(message(withShards("shards: {per_class_cap: 50, seal_records: 10}\n")))
        .contains("shards.per_class_cap")
        .contains("never applies");
    assertThat(message(withShards("shards: 4\n"))).contains("shards").contains("must be a mapping");
  }

  private static String message(Path file) {
    return assertThrows(PipelineDefinitionException.class, () -> PipelineLoader.load(file))
        .getMessage();
  }
}
