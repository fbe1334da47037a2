package dev.weakstream.registry;

import dev.weakstream.avro.ModelRelease;
import dev.weakstream.codec.SingleObjectCodec;
import java.io.IOException;
import org.apache.avro.AvroRuntimeException;

/** Avro single-object encoding of {@link ModelRelease} values on the models topic. Thread-safe. */
public final class ModelReleaseCodec {

  private static final SingleObjectCodec<ModelRelease> CODEC =
      SingleObjectCodec.of(new ModelRelease());

  private ModelReleaseCodec() {}

  public static byte[] encode(ModelRelease release) {
    return CODEC.encode(release);
  }

  /**
   * Decodes one value of the models topic.
   *
   * @throws IllegalArgumentException for bytes that are not a ModelRelease of a known schema
   */
  public static ModelRelease decode(byte[] bytes) {
    try {
      return CODEC.decode(bytes);
    } catch (IOException | AvroRuntimeException e) {
      throw new IllegalArgumentException("not a ModelRelease record: " + e.getMessage(), e);
    }
  }
}
