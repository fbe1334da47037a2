package dev.weakstream.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class ProcessingGuaranteeTest {

  @Test
  void readsKafkasSpellingsAndPutsThemIntoTheStreamsConfig() {
    assertThat(ProcessingGuarantee.of("exactly_once_v2"))
        .isEqualTo(ProcessingGuarantee.EXACTLY_ONCE_V2);
    assertThat(ProcessingGuarantee.of(" AT_LEAST_ONCE "))
        .isEqualTo(ProcessingGuarantee.AT_LEAST_ONCE);

    StreamsSettings settings = StreamsSettings.defaults("app", "127.0.0.1:9092", Path.of("state"));
    assertThat(settings.toProperties("dead", null))
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(
            settings
                .withProcessingGuarantee(ProcessingGuarantee.AT_LEAST_ONCE)
                .toProperties("dead", null))
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
  }

  @Test
  void anUnknownOrRetiredValueListsTheAcceptedOnes() {
    assertThat(
            assertThrows(
                    IllegalArgumentException.class, () -> ProcessingGuarantee.of("exactly_once"))
                .getMessage())
        .isEqualTo("unknown value 'exactly_once'; expected one of exactly_once_v2, at_least_once");
  }
}
