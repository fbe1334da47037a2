package dev.weakstream.registry;

import dev.weakstream.avro.ModelRelease;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a release's artifact from the chunk topic and verifies it: every chunk present, sizes as
 * declared, and the SHA-256 of the assembled bytes equal to the release's. Scans from the release's
 * first chunk offset to the end of the partition, the last value of each chunk key winning (as
 * compaction would decide), so a chunk rewritten under the same key is what gets verified.
 *
 * <p>Not thread-safe; owns its consumer, closed by {@link #close()}.
 */
final class ArtifactReader implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(50);

  private final KafkaConsumer<String, byte[]> consumer;
  private final Duration timeout;

  ArtifactReader(RegistrySettings settings, String clientIdSuffix) {
    this.consumer = RegistryClients.consumer(settings, clientIdSuffix);
    this.timeout = settings.timeout();
  }

  /**
   * The verified artifact of {@code release}.
   *
   * @throws ArtifactRejectedException when chunks are missing, malformed, or the SHA-256 differs
   */
  byte[] fetch(ModelRelease release) {
    int count = release.getChunkCount();
    long size = release.getSizeBytes();
    if (count < 1
        || size < 0
        || size > Integer.MAX_VALUE - 16
        || (long) release.getChunkBytes() * count < size) {
      throw new ArtifactRejectedException(
          release,
          RejectionReason.MALFORMED,
          "release declares "
              + size
              + " bytes in "
              + count
              + " chunks of "
              + release.getChunkBytes());
    }
    byte[][] chunks = readChunks(release, count);
    byte[] artifact = new byte[(int) size];
    int position = 0;
    for (int i = 0; i < count; i++) {
      byte[] chunk = chunks[i];
      boolean last = i == count - 1;
      if (position + chunk.length > size || (!last && chunk.length != release.getChunkBytes())) {
        throw new ArtifactRejectedException(
            release,
            RejectionReason.MALFORMED,
            "chunk "
                + i
                + " has "
                + chunk.length
                + " bytes, which does not fit the declared size "
                + size);
      }
      System.arraycopy(chunk, 0, artifact, position, chunk.length);
      position += chunk.length;
    }
    if (position != size) {
      throw new ArtifactRejectedException(
          release,
          RejectionReason.MALFORMED,
          "chunks hold " + position + " bytes, release declares " + size);
    }
    String actual = ArtifactDigest.sha256(artifact);
    if (!actual.equals(release.getSha256())) {
      throw new ArtifactRejectedException(
          release,
          RejectionReason.CHECKSUM_MISMATCH,
          "sha256 is " + actual + ", release declares " + release.getSha256());
    }
    return artifact;
  }

  private byte[][] readChunks(ModelRelease release, int count) {
    TopicPartition partition =
        new TopicPartition(release.getArtifactTopic(), release.getArtifactPartition());
    consumer.assign(List.of(partition));
    consumer.seek(partition, release.getArtifactOffset());
    String prefix = ReleaseKeys.chunkPrefix(release.getName(), release.getVersion());
    byte[][] chunks = new byte[count][];
    int present = 0;
    long deadline = System.nanoTime() + timeout.toNanos();
    long end = endOffset(partition);
    while (true) {
      if (consumer.position(partition) >= end) {
        if (present == count) {
          return chunks;
        }
        // The release is committed, but the commit marker may reach this partition a moment after
        // the
        // models topic's: keep reading to the moving end until every chunk is there.
        end = endOffset(partition);
      }
      if (System.nanoTime() > deadline) {
        throw new ArtifactRejectedException(
            release,
            RejectionReason.MISSING_CHUNK,
            (count - present)
                + " of "
                + count
                + " chunks not read from "
                + partition
                + " (from offset "
                + release.getArtifactOffset()
                + ") within "
                + timeout.toMillis()
                + " ms");
      }
      for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
        String key = r.key();
        int index =
            key != null && key.startsWith(prefix) ? parseIndex(key.substring(prefix.length())) : -1;
        if (index < 0 || index >= count) {
          continue;
        }
        present += (r.value() != null ? 1 : 0) - (chunks[index] != null ? 1 : 0);
        chunks[index] = r.value();
      }
    }
  }

  private long endOffset(TopicPartition partition) {
    return consumer.endOffsets(List.of(partition), timeout).get(partition);
  }

  private static int parseIndex(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Makes a fetch in progress on another thread end with a {@link
   * org.apache.kafka.common.errors.WakeupException}.
   */
  void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void close() {
    consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
  }
}
