package dev.weakstream.stream;

import static dev.weakstream.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weakstream.avro.LabelModelRelease;
import dev.weakstream.avro.LabeledRecord;
import dev.weakstream.avro.RawRecord;
import dev.weakstream.clients.RawRecordProducer;
import dev.weakstream.kafka.EmbeddedKafkaBroker;
import dev.weakstream.kafka.PipelineTopics;
import dev.weakstream.pipeline.PipelineDefinition;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The online label model across instances: two instances of one application (2 partitions) learn
 * from the stream, both label with the same model version after a refit, and a restarted instance —
 * with an empty state directory, as on a new machine — resumes with the learned model and
 * statistics from Kafka.
 */
@Tag("integration")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class LabelModelIT {

  private static final String[] TEXTS = {
    "subscribe to my channel http://x", "love this song", "http://spam subscribe now",
        "song of the year love",
    "subscribe", "this song", "nothing here", "love it http://x"
  };

  @TempDir Path workDir;

  @Test
  void instancesShareTheRefittedModelAndARestartedInstanceResumesWithIt() throws Exception {
    PipelineDefinition pipeline = TestPipelines.spamLearning(Duration.ofSeconds(1));
    String appId = "label-model-it-" + UUID.randomUUID();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(workDir.resolve("kafka"), 0);
        RawRecordProducer producer = new RawRecordProducer(pipeline, broker.clients())) {
      PipelineApplication a = start(pipeline, broker, appId, "a");
      PipelineApplication b = start(pipeline, broker, appId, "b");
      assertThat(
              topicConfig(
                  broker,
                  appId + "-" + PipelineTopology.STATISTICS_STORE + "-changelog",
                  "max.message.bytes"))
          .as("snapshots can pass 1 MB")
          .isEqualTo(String.valueOf(StreamsSettings.MAX_MESSAGE_BYTES));
      produce(producer, 0, 400);
      await(
          () ->
              a.components().labeler().get().name().equals("ds")
                  && b.components().labeler().get().name().equals("ds"),
          "both instances label with ds");
      String version = awaitStableVersion(broker, pipeline, a, b);
      assertThat(b.components().labeler().get().version()).isEqualTo(version);
      LabelModelRelease before = lastRelease(broker, pipeline);
      assertThat(before.getRecords()).isEqualTo(400);

      // Records on both partitions are now labeled with that version, by whichever instance owns
      // them.
      produce(producer, 400, 40);
      List<LabeledRecord> latest = awaitLabeled(broker, pipeline, 440);
      assertThat(latest.subList(400, 440)).allMatch(r -> r.getCombinerVersion().equals(version));

      // Restart b from an empty state directory: the model and the statistics come back from Kafka.
      await(() -> lastRelease(broker, pipeline).getRecords() == 440, "a release fitted on 440");
      LabelModelRelease current = lastRelease(broker, pipeline);
      b.close();
      PipelineApplication restarted = start(pipeline, broker, appId, "b-restarted");
      assertThat(restarted.components().labeler().get().version()).isEqualTo(current.getVersion());
      produce(producer, 440, 100);
      await(() -> lastRelease(broker, pipeline).getRecords() == 540, "a release fitted on 540");
      assertThat(lastRelease(broker, pipeline).getFitNumber())
          .isGreaterThan(current.getFitNumber());
      a.close();
      restarted.close();
    }
  }

  private static String topicConfig(EmbeddedKafkaBroker broker, String topic, String name)
      throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      return admin.describeConfigs(List.of(resource)).all().get().get(resource).get(name).value();
    }
  }

  private PipelineApplication start(
      PipelineDefinition pipeline, EmbeddedKafkaBroker broker, String appId, String instance) {
    StreamsSettings settings =
        StreamsSettings.defaults(
            appId, broker.bootstrapServers(), workDir.resolve("state-" + instance));
    return PipelineApplication.start(
        PipelineComponents.assemble(pipeline, settings, new SimpleMeterRegistry()),
        Duration.ofSeconds(90));
  }

  private static void produce(RawRecordProducer producer, int from, int count) {
    for (int i = from; i < from + count; i++) {
      producer.send(
          RawRecord.newBuilder()
              .setId("r" + i)
              .setEventTime(Instant.now())
              .setText(TEXTS[i % TEXTS.length])
              .build());
    }
    producer.flush();
  }

  /**
   * Waits until both instances label with the version of the last release and it stops changing.
   */
  private static String awaitStableVersion(
      EmbeddedKafkaBroker broker,
      PipelineDefinition pipeline,
      PipelineApplication a,
      PipelineApplication b)
      throws InterruptedException {
    String[] version = {null};
    await(
        () -> {
          LabelModelRelease last = lastRelease(broker, pipeline);
          version[0] = last == null ? null : last.getVersion();
          return last != null
              && last.getRecords() == 400
              && a.components().labeler().get().version().equals(version[0])
              && b.components().labeler().get().version().equals(version[0]);
        },
        "one release on 400 records, used by both instances");
    return version[0];
  }

  private static LabelModelRelease lastRelease(
      EmbeddedKafkaBroker broker, PipelineDefinition pipeline) {
    PipelineTopics topics = PipelineTopics.of(pipeline);
    List<byte[]> values = readAll(broker, topics.labelModel().name());
    return values.isEmpty()
        ? null
        : topics
            .labelModel()
            .valueSerde()
            .deserializer()
            .deserialize(null, values.get(values.size() - 1));
  }

  private static List<LabeledRecord> awaitLabeled(
      EmbeddedKafkaBroker broker, PipelineDefinition pipeline, int count)
      throws InterruptedException {
    PipelineTopics topics = PipelineTopics.of(pipeline);
    List<LabeledRecord> out = new ArrayList<>();
    await(
        () -> {
          out.clear();
          for (byte[] v : readAll(broker, topics.labeled().name())) {
            out.add(topics.labeled().valueSerde().deserializer().deserialize(null, v));
          }
          return out.size() >= count;
        },
        count + " labeled records");
    out.sort(
        (x, y) ->
            Integer.compare(
                Integer.parseInt(x.getId().substring(1)),
                Integer.parseInt(y.getId().substring(1))));
    return out;
  }

  private static List<byte[]> readAll(EmbeddedKafkaBroker broker, String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<byte[]> values = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
      }
    }
    return values;
  }
}
