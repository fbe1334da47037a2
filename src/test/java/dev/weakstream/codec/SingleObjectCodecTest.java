package dev.weakstream.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weakstream.avro.DeadLetter;
import dev.weakstream.avro.DeadLetterReason;
import dev.weakstream.avro.RawRecord;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.Test;

class SingleObjectCodecTest {

  @Test
  void roundTripsWithTheFingerprintHeader() throws Exception {
    SingleObjectCodec<RawRecord> codec = SingleObjectCodec.of(new RawRecord());
    RawRecord record =
        RawRecord.newBuilder()
            .setId("1")
            .setEventTime(Instant.ofEpochMilli(5))
            .setText("hi")
            .setAttributes(Map.of("a", "b"))
            .setGoldLabel(1)
            .build();
    byte[] bytes = codec.encode(record);
    assertThat(SingleObjectCodec.looksLikeSingleObject(bytes)).isTrue();
    assertThat(codec.decode(bytes)).isEqualTo(record);
  }

  @Test
  void generatedClassesAreTrustedWithoutTheSystemProperty() {
    // Surefire sets org.apache.avro.SERIALIZABLE_PACKAGES; the jar must not depend on it.
    AvroTrust.install();
    assertThat(ClassSecurityValidator.getGlobal().isTrusted(DeadLetter.class)).isTrue();
    assertThat(ClassSecurityValidator.getGlobal().isTrusted(DeadLetterReason.class)).isTrue();
  }

  @Test
  void anUnknownFingerprintIsReportedAsMissingSchema() {
    SingleObjectCodec<RawRecord> codec = SingleObjectCodec.of(new RawRecord());
    byte[] bytes =
        codec.encode(
            RawRecord.newBuilder().setId("1").setEventTime(Instant.EPOCH).setText("x").build());
    bytes[3] ^= 0x7F;
    assertThrows(MissingSchemaException.class, () -> codec.decode(bytes));
  }
}
