package dev.weakstream.stream;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams processing guarantees a pipeline may run under, spelt as {@link StreamsConfig}
 * spells them (and so as {@code weakstream run --processing-guarantee} takes them). Kafka 4 rejects
 * the retired {@code exactly_once} and {@code exactly_once_beta}, so they are not offered.
 */
public enum ProcessingGuarantee {
  /** Exactly-once v2 (transactions, read_committed); the default. */
  EXACTLY_ONCE_V2(StreamsConfig.EXACTLY_ONCE_V2),
  /** At-least-once: no transactions, records may be processed twice after a failure. */
  AT_LEAST_ONCE(StreamsConfig.AT_LEAST_ONCE);

  private final String config;

  ProcessingGuarantee(String config) {
    this.config = config;
  }

  /**
   * The value of {@link StreamsConfig#PROCESSING_GUARANTEE_CONFIG}, e.g. {@code exactly_once_v2}.
   */
  public String config() {
    return config;
  }

  /**
   * The guarantee {@code value} spells (ignoring case and surrounding space).
   *
   * @throws IllegalArgumentException "unknown value 'y'; expected one of exactly_once_v2,
   *     at_least_once"
   */
  public static ProcessingGuarantee of(String value) {
    List<String> spellings = new ArrayList<>();
    for (ProcessingGuarantee g : values()) {
      if (value != null && g.config.equalsIgnoreCase(value.trim())) {
        return g;
      }
      spellings.add(g.config);
    }
    throw new IllegalArgumentException(
        "unknown value '" + value + "'; expected one of " + String.join(", ", spellings));
  }
}
