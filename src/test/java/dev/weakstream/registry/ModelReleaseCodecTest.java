package dev.weakstream.registry;

import static dev.weakstream.registry.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weakstream.avro.ModelRelease;
import dev.weakstream.avro.ModelStatus;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelReleaseCodecTest {

  @Test
  void aReleaseSurvivesTheRoundTripWithEveryField() {
    ModelRelease original =
        ModelRelease.newBuilder(release(3, ModelStatus.ACTIVE, Map.of("gold_f1", 0.91)))
            .setReplacedVersion(2)
            .setActivatedAtMillis(1_735_776_000_000L)
            .setStatusReason("promoted")
            .build();
    byte[] bytes = ModelReleaseCodec.encode(original);
    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    ModelRelease decoded = ModelReleaseCodec.decode(bytes);
    assertThat(decoded).isEqualTo(original);
    assertThat(decoded.getParentVersion()).isEqualTo(2);
    assertThat(decoded.getMetrics()).containsEntry("gold_f1", 0.91);
    assertThat(decoded.getProvenance()).containsEntry("seed", "42");
  }

  @Test
  void foreignBytesAreAClearError() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ModelReleaseCodec.decode("not avro".getBytes(StandardCharsets.UTF_8)));
    assertThat(e.getMessage()).startsWith("not a ModelRelease record");
  }

  @Test
  void everyFieldOfTheSchemaIsDocumented() {
    assertThat(ModelRelease.getClassSchema().getFields())
        .allSatisfy(f -> assertThat(f.doc()).isNotBlank());
  }

  @Test
  void theSha256IsLowerCaseHex() {
    assertThat(ArtifactDigest.sha256("abc".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
