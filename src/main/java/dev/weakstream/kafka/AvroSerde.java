package dev.weakstream.kafka;

import dev.weakstream.codec.SingleObjectCodec;
import java.io.IOException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka serde for a generated Avro class in single-object encoding (fingerprint header, no schema
 * registry). Thread-safe.
 */
public final class AvroSerde<T extends SpecificRecordBase> implements Serde<T> {

  private final SingleObjectCodec<T> codec;

  public AvroSerde(T prototype) {
    this.codec = SingleObjectCodec.of(prototype);
  }

  public SingleObjectCodec<T> codec() {
    return codec;
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, record) -> record == null ? null : codec.encode(record);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return codec.decode(bytes);
      } catch (IOException | AvroRuntimeException e) {
        throw new SerializationException("cannot decode record from topic " + topic, e);
      }
    };
  }
}
