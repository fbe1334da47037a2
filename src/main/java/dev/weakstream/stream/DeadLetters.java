package dev.weakstream.stream;

import dev.weakstream.avro.DeadLetter;
import dev.weakstream.avro.DeadLetterReason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds dead-letter records and their headers. The value holds the original key and value bytes,
 * the source topic/partition/offset, the reason and a message; the same facts go into headers
 * ({@code weakstream.dlq.*}) so tools can route or filter without decoding the value.
 */
public final class DeadLetters {

  public static final String HEADER_PREFIX = "weakstream.dlq.";

  private DeadLetters() {}

  public static DeadLetter deadLetter(
      byte[] key,
      byte[] value,
      String topic,
      int partition,
      long offset,
      DeadLetterReason reason,
      String message,
      long nowMillis) {
    return DeadLetter.newBuilder()
        .setOriginalKey(key == null ? null : ByteBuffer.wrap(key))
        .setOriginalValue(value == null ? null : ByteBuffer.wrap(value))
        .setSourceTopic(topic == null ? "" : topic)
        .setSourcePartition(partition)
        .setSourceOffset(offset)
        .setReason(reason)
        .setMessage(message)
        .setDeadLetteredAt(Instant.ofEpochMilli(nowMillis))
        .build();
  }

  public static Headers headers(DeadLetter letter) {
    Headers headers = new RecordHeaders();
    headers.add(HEADER_PREFIX + "reason", utf8(letter.getReason().name()));
    headers.add(HEADER_PREFIX + "message", utf8(letter.getMessage()));
    headers.add(HEADER_PREFIX + "topic", utf8(letter.getSourceTopic()));
    headers.add(HEADER_PREFIX + "partition", utf8(String.valueOf(letter.getSourcePartition())));
    headers.add(HEADER_PREFIX + "offset", utf8(String.valueOf(letter.getSourceOffset())));
    return headers;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
