package dev.weakstream.stream;

import dev.weakstream.kafka.KafkaClients;
import dev.weakstream.kafka.PipelineTopics;
import dev.weakstream.metrics.PipelineMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams configuration of a pipeline application, in one place: exactly-once v2 by
 * default, the dead-letter policy for processing errors, and producer batching tuned for throughput
 * (Kafka's 16 KB default batch is the main limit on a small machine; 256 KB batches doubled
 * pass-through).
 *
 * @param clients the cluster and its client properties (e.g. SASL/SSL from {@code
 *     --client-config}), applied last
 * @param commitInterval how often tasks commit, or null for Kafka's default (100 ms under
 *     exactly-once); see {@link #TEACHER_COMMIT_INTERVAL}
 */
public record StreamsSettings(
    String applicationId,
    KafkaClients clients,
    ProcessingGuarantee processingGuarantee,
    int streamThreads,
    Path stateDir,
    int replicationFactor,
    Duration commitInterval) {

  public static final int PRODUCER_BATCH_BYTES = 256 * 1024;

  /**
   * Commit interval of pipelines with a teacher, unless set: a batched teacher call takes tens of
   * milliseconds, and committing every 100 ms stalls inference (bench teacher: ratio 0.74-0.79 at
   * 100 ms, 0.94-0.96 at 500 ms). With the stream measured after a warm-up, the stream threads were
   * still idle 13% of the time at 500 ms; at 1 s, stream_rps was 528-652 against 419-543 (four runs
   * each). Output becomes visible to read_committed consumers at each commit: set {@code
   * commit.interval.ms} in the client properties to trade throughput for latency.
   */
  public static final Duration TEACHER_COMMIT_INTERVAL = Duration.ofMillis(1000);

  /** Largest message the application writes: the label model's topics' limit. */
  public static final int MAX_MESSAGE_BYTES = PipelineTopics.LABEL_MODEL_MAX_MESSAGE_BYTES;

  /**
   * Sends failures in the global label-model store to the dead-letter handler too. Deprecated in
   * Kafka Streams 4.4 without a replacement: 5.0 removes the switch and always does this.
   */
  @SuppressWarnings("deprecation")
  private static final String GLOBAL_PROCESSING_EXCEPTION_HANDLER_ENABLED =
      StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG;

  /** As {@link #defaults(String, KafkaClients, Path)} on a cluster that needs no client config. */
  public static StreamsSettings defaults(
      String applicationId, String bootstrapServers, Path stateDir) {
    return defaults(applicationId, KafkaClients.of(bootstrapServers), stateDir);
  }

  public static StreamsSettings defaults(
      String applicationId, KafkaClients clients, Path stateDir) {
    return new StreamsSettings(
        applicationId, clients, ProcessingGuarantee.EXACTLY_ONCE_V2, 1, stateDir, -1, null);
  }

  public StreamsSettings withStreamThreads(int threads) {
    return new StreamsSettings(
        applicationId,
        clients,
        processingGuarantee,
        threads,
        stateDir,
        replicationFactor,
        commitInterval);
  }

  public StreamsSettings withProcessingGuarantee(ProcessingGuarantee guarantee) {
    return new StreamsSettings(
        applicationId,
        clients,
        guarantee,
        streamThreads,
        stateDir,
        replicationFactor,
        commitInterval);
  }

  public StreamsSettings withCommitInterval(Duration interval) {
    return new StreamsSettings(
        applicationId,
        clients,
        processingGuarantee,
        streamThreads,
        stateDir,
        replicationFactor,
        interval);
  }

  /** The properties for {@code new KafkaStreams(topology, props)}. */
  public Properties toProperties(String deadLetterTopic, PipelineMetrics metrics) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, clients.bootstrapServers());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee.config());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
    props.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterProcessingExceptionHandler.class);
    props.put(GLOBAL_PROCESSING_EXCEPTION_HANDLER_ENABLED, true);
    props.put(DeadLetterProcessingExceptionHandler.DEAD_LETTER_TOPIC_CONFIG, deadLetterTopic);
    if (metrics != null) {
      props.put(DeadLetterProcessingExceptionHandler.METRICS_CONFIG, metrics);
    }
    if (commitInterval != null) {
      props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
    }
    props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), PRODUCER_BATCH_BYTES);
    props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 20);
    props.put(
        StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), MAX_MESSAGE_BYTES);
    props.putAll(clients.clientConfig());
    return props;
  }
}
