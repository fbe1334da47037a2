package dev.weakstream.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weakstream.avro.ShardKind;
import dev.weakstream.avro.ShardManifest;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.pipeline.PipelineLoader;
import dev.weakstream.pipeline.ShardPolicy;
import dev.weakstream.pipeline.StudentDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one topic catalogue: every name, serde and creation spec of a pipeline's topics. */
class PipelineTopicsTest {

  private final PipelineDefinition pipeline = load();

  private static PipelineDefinition load() {
    try {
      return PipelineLoader.load(
          Path.of(PipelineTopicsTest.class.getResource("/pipelines/valid.yaml").toURI()));
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void everyTopicIsNamedAndSpecifiedOnce() {
    PipelineTopics topics = PipelineTopics.of(pipeline);
    int partitions = pipeline.output().partitions();
    assertThat(topics.raw().spec()).isEqualTo(NewTopicSpec.of("comments", partitions));
    assertThat(topics.labeled().spec()).isEqualTo(NewTopicSpec.of("comments-labeled", partitions));
    assertThat(topics.deadLetters().spec())
        .isEqualTo(NewTopicSpec.of("comments-dead-letters", partitions));
    for (Topic<?, ?> labelModel : List.of(topics.statistics(), topics.labelModel())) {
      assertThat(labelModel.spec().partitions()).isEqualTo(1);
      assertThat(labelModel.spec().configs())
          .containsEntry("cleanup.policy", "compact")
          .containsEntry("max.message.bytes", String.valueOf(16 * 1024 * 1024));
    }
    assertThat(topics.statistics().name()).isEqualTo("test-pipeline-label-model-statistics");
    assertThat(topics.labelModel().name()).isEqualTo("test-pipeline-label-model");
    assertThat(topics.shards().spec()).isEqualTo(NewTopicSpec.compacted("test-pipeline-shards", 1));
    assertThat(topics.registry().models().spec())
        .isEqualTo(NewTopicSpec.compacted("test-pipeline-models", 1));
    assertThat(topics.registry().artifacts().spec())
        .isEqualTo(
            NewTopicSpec.compacted("test-pipeline-model-artifacts", 1)
                .withConfig("max.message.bytes", String.valueOf(512 * 1024 + 64 * 1024)));
  }

  @Test
  void theRegistrysTopicsAreSizedForItsChunksAndReplicated() {
    ModelTopics registry = ModelTopics.of("p", 1024 * 1024, 3);
    assertThat(registry.models().spec().replicationFactor()).isEqualTo((short) 3);
    assertThat(registry.artifacts().spec().configs())
        .containsEntry(
            "max.message.bytes", String.valueOf(1024 * 1024 + ModelTopics.CHUNK_OVERHEAD_BYTES));
    assertThat(registry.all())
        .extracting(Topic::name)
        .containsExactly("p-models", "p-model-artifacts");
  }

  @Test
  void aPipelineUsesTheShardsAndRegistryTopicsOnlyWithThoseSections() {
    PipelineTopics topics = PipelineTopics.of(pipeline);
    assertThat(topics.inUse(pipeline))
        .extracting(Topic::name)
        .containsExactly(
            "comments",
            "comments-labeled",
            "comments-dead-letters",
            "test-pipeline-label-model-statistics",
            "test-pipeline-label-model");
    PipelineDefinition loop =
        pipeline
            .withShards(new ShardPolicy(0.0, false, 0, 100, Duration.ofSeconds(5), 0, null))
            .withStudent(StudentDefinition.defaults());
    assertThat(PipelineTopics.of(loop).inUse(loop))
        .extracting(Topic::name)
        .endsWith("test-pipeline-shards", "test-pipeline-models", "test-pipeline-model-artifacts");
  }

  @Test
  void theShardsTopicCarriesManifestsInAvro() {
    Topic<String, ShardManifest> shards = PipelineTopics.of(pipeline).shards();
    ShardManifest manifest = manifest();
    byte[] bytes = shards.valueSerde().serializer().serialize(shards.name(), manifest);
    assertThat(shards.valueSerde().deserializer().deserialize(shards.name(), bytes))
        .isEqualTo(manifest);
  }

  private static ShardManifest manifest() {
    return ShardManifest.newBuilder()
        .setShardId("s1")
        .setPipeline("test-pipeline")
        .setKind(ShardKind.TRAINING)
        .setLocation("training/s1.avro")
        .setRecordCount(10)
        .setClassHistogram(List.of(5L, 5L))
        .setMinEventTime(Instant.EPOCH)
        .setMaxEventTime(Instant.EPOCH)
        .setCreatedAt(Instant.EPOCH)
        .setSha256("0")
        .setPartition(0)
        .setFirstOffset(0)
        .setLastOffset(9)
        .setLfSetVersions(List.of())
        .setLabelModelVersions(List.of())
        .setTeacherVersions(List.of())
        .build();
  }
}
