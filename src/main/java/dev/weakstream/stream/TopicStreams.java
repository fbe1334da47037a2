package dev.weakstream.stream;

import dev.weakstream.kafka.Topic;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/** Kafka Streams' {@link Consumed} and {@link Produced} of a catalogue {@link Topic}'s serdes. */
final class TopicStreams {

  private TopicStreams() {}

  static <K, V> Consumed<K, V> consumed(Topic<K, V> topic) {
    return Consumed.with(topic.keySerde(), topic.valueSerde());
  }

  static <K, V> Produced<K, V> produced(Topic<K, V> topic) {
    return Produced.with(topic.keySerde(), topic.valueSerde());
  }
}
