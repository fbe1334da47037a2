package dev.weakstream.stream;

import dev.weakstream.avro.DeadLetter;
import dev.weakstream.avro.RawRecord;
import dev.weakstream.codec.RawRecordDecoder;
import dev.weakstream.kafka.PipelineTopics;
import dev.weakstream.metrics.PipelineMetrics;
import dev.weakstream.metrics.TeacherMetrics;
import dev.weakstream.pipeline.PipelineDefinition;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the labeling topology of a pipeline — a pure factory (definition and components in,
 * topology out, no I/O), and the one place its sub-topologies are wired:
 *
 * <pre>
 * raw topic → decode-and-validate ─┬→ dead-letter topic   (undecodable, unknown schema, bad fields)
 *                                  └→ apply-labeling-functions [→ score-student] [→ query-teacher] ─┬→ combine-votes → labeled topic
 *                                                               └→ update-label-model-statistics → statistics topic
 * statistics topic (1 partition) → refit-label-model → label-model topic (compacted)
 * label-model topic → global store on every instance → the labeler combine-votes uses
 * </pre>
 *
 * <p>With {@code label_model: {name: mv}} only the first sub-topology exists. Tests run
 * TopologyTestDriver on this same topology; {@code topology/<name>.topology.txt} keeps its {@code
 * describe()} text under review.
 */
public final class PipelineTopology {

  static final String STATISTICS_STORE = "label-model-statistics";
  static final String PARTIALS_STORE = "label-model-partials";
  static final String LABEL_MODEL_STORE = "label-model";
  static final String TEACHER_PENDING_STORE = "teacher-pending";

  /**
   * Changelog settings for stores holding statistics snapshots, which can pass Kafka's 1 MB
   * default.
   */
  private static final Map<String, String> LARGE_MESSAGES =
      Map.of(
          TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
          String.valueOf(PipelineTopics.LABEL_MODEL_MAX_MESSAGE_BYTES));

  private PipelineTopology() {}

  /**
   * What a pipeline's topology is built from: its definition and the components its processors
   * share across stream threads. Build one with {@link #of} and add the teacher and the student
   * slot the definition asks for.
   *
   * @param labeler the labeler combine-votes asks per record; the global label-model store swaps
   *     newer label models into it
   * @param teacher the pipeline's teacher (required when it declares one), or null without one
   * @param teacherMetrics the teacher's meters, given with it
   * @param student the pipeline's student slot (required when it has a {@code student:} section;
   *     whatever model is active in it scores the records), or null without one
   */
  public record Options(
      PipelineDefinition pipeline,
      CurrentLabeler labeler,
      PipelineMetrics metrics,
      StreamTeacher teacher,
      TeacherMetrics teacherMetrics,
      StreamStudent student) {

    public Options {
      Objects.requireNonNull(pipeline, "pipeline");
      Objects.requireNonNull(labeler, "labeler");
      Objects.requireNonNull(metrics, "metrics");
      if ((teacher == null) != (teacherMetrics == null)) {
        throw new IllegalArgumentException("a teacher and its metrics come together");
      }
    }

    /** A pipeline without teacher or student. */
    public static Options of(
        PipelineDefinition pipeline, CurrentLabeler labeler, PipelineMetrics metrics) {
      return new Options(pipeline, labeler, metrics, null, null, null);
    }

    /** These options with the pipeline's teacher, shared by all stream threads, and its meters. */
    public Options withTeacher(StreamTeacher teacher, TeacherMetrics teacherMetrics) {
      return new Options(
          pipeline,
          labeler,
          metrics,
          Objects.requireNonNull(teacher, "teacher"),
          Objects.requireNonNull(teacherMetrics, "teacherMetrics"),
          student);
    }

    /** These options with the pipeline's student slot, shared by all stream threads. */
    public Options withStudent(StreamStudent student) {
      return new Options(
          pipeline,
          labeler,
          metrics,
          teacher,
          teacherMetrics,
          Objects.requireNonNull(student, "student"));
    }
  }

  /**
   * The pipeline's topology.
   *
   * @throws IllegalArgumentException when the definition declares a teacher or a student the
   *     options do not give
   */
  public static Topology build(Options options) {
    PipelineDefinition pipeline = options.pipeline();
    CurrentLabeler labeler = options.labeler();
    PipelineMetrics metrics = options.metrics();
    StreamTeacher teacher = options.teacher();
    TeacherMetrics teacherMetrics = options.teacherMetrics();
    StreamStudent student = options.student();
    if (pipeline.student() != null && student == null) {
      throw new IllegalArgumentException(
          "pipeline "
              + pipeline.name()
              + " has a student section but no "
              + "student slot was given");
    }
    if (!pipeline.teachers().isEmpty() && teacher == null) {
      throw new IllegalArgumentException(
          "pipeline "
              + pipeline.name()
              + " declares teacher "
              + pipeline.teachers().get(0).name()
              + " but none was given");
    }
    PipelineTopics topics = PipelineTopics.of(pipeline);
    RawRecordDecoder decoder = new RawRecordDecoder(pipeline);
    StreamsBuilder builder = new StreamsBuilder();

    Map<String, KStream<String, DecodedMessage>> routes =
        builder.stream(
                topics.raw().name(), TopicStreams.consumed(topics.raw()).withName("raw-source"))
            .process(() -> new DecodeProcessor(decoder, metrics), Named.as("decode-and-validate"))
            .split(Named.as("route-"))
            .branch(
                (id, message) -> message instanceof DecodedMessage.Rejected,
                Branched.as("rejected"))
            .defaultBranch(Branched.as("accepted"));

    routes
        .get("route-rejected")
        .mapValues(DeadLetterOf::letter, Named.as("dead-letter-value"))
        .to(
            topics.deadLetters().name(),
            TopicStreams.produced(topics.deadLetters()).withName("dead-letter-sink"));

    KStream<String, VotedRecord> voted =
        routes
            .get("route-accepted")
            .mapValues(RawRecordOf::record, Named.as("accepted-record"))
            .processValues(
                () -> new ApplyLabelingFunctions(pipeline, metrics),
                Named.as("apply-labeling-functions"));

    if (pipeline.student() != null) {
      voted = voted.processValues(() -> new ScoreStudent(student), Named.as("score-student"));
    }

    if (teacher != null) {
      builder.addStateStore(
          Stores.keyValueStoreBuilder(
                  Stores.inMemoryKeyValueStore(TEACHER_PENDING_STORE),
                  Serdes.Long(),
                  Serdes.ByteArray())
              .withLoggingEnabled(LARGE_MESSAGES));
      voted =
          voted.process(
              () ->
                  new QueryTeacher(
                      teacher, labeler, teacherMetrics, TEACHER_PENDING_STORE, pipeline.student()),
              Named.as("query-teacher"),
              TEACHER_PENDING_STORE);
    }

    voted
        .processValues(
            () ->
                new CombineVotes(
                    labeler, pipeline, metrics, student == null ? null : student.evaluation()),
            Named.as("combine-votes"))
        .to(
            topics.labeled().name(),
            TopicStreams.produced(topics.labeled()).withName("labeled-sink"));

    if (pipeline.labelModel().learns()) {
      addLabelModel(builder, pipeline, topics, voted, labeler, metrics);
    }
    return builder.build();
  }

  private static void addLabelModel(
      StreamsBuilder builder,
      PipelineDefinition pipeline,
      PipelineTopics topics,
      KStream<String, VotedRecord> voted,
      CurrentLabeler labeler,
      PipelineMetrics metrics) {
    // Cached: the write-ahead log reuses its keys after each snapshot, so a commit flushes at most
    // one
    // snapshot's worth of keys to the changelog, however many records the commit covers.
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(STATISTICS_STORE), Serdes.Long(), Serdes.ByteArray())
            .withCachingEnabled()
            .withLoggingEnabled(LARGE_MESSAGES));
    voted
        .process(
            () ->
                new UpdateLabelModelStatistics(
                    pipeline.numSources(),
                    pipeline.numClasses(),
                    pipeline.labelingFunctions().version(),
                    pipeline.labelModel(),
                    STATISTICS_STORE),
            Named.as("update-label-model-statistics"),
            STATISTICS_STORE)
        .to(
            topics.statistics().name(),
            TopicStreams.produced(topics.statistics()).withName("statistics-sink"));

    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(PARTIALS_STORE), Serdes.String(), Serdes.ByteArray())
            .withLoggingEnabled(LARGE_MESSAGES));
    builder.stream(
            topics.statistics().name(),
            TopicStreams.consumed(topics.statistics()).withName("statistics-source"))
        .process(
            () -> new RefitLabelModel(pipeline, PARTIALS_STORE, metrics),
            Named.as("refit-label-model"),
            PARTIALS_STORE)
        .to(
            topics.labelModel().name(),
            TopicStreams.produced(topics.labelModel()).withName("label-model-sink"));

    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(LABEL_MODEL_STORE),
                Serdes.String(),
                topics.labelModel().valueSerde())
            .withLoggingDisabled(),
        topics.labelModel().name(),
        TopicStreams.consumed(topics.labelModel()).withName("label-model-source"),
        () -> new LabelModelUpdater(pipeline, LABEL_MODEL_STORE, labeler));
  }

  private static final class DeadLetterOf {
    static DeadLetter letter(DecodedMessage message) {
      return ((DecodedMessage.Rejected) message).letter();
    }
  }

  private static final class RawRecordOf {
    static RawRecord record(DecodedMessage message) {
      return ((DecodedMessage.Accepted) message).record();
    }
  }
}
