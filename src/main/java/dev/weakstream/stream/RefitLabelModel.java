package dev.weakstream.stream;

import dev.weakstream.avro.GoldRow;
import dev.weakstream.avro.LabelModelRelease;
import dev.weakstream.avro.LabelModelStatistics;
import dev.weakstream.core.Labeler;
import dev.weakstream.core.VoteRow;
import dev.weakstream.kafka.AvroSerde;
import dev.weakstream.labelmodel.DawidSkeneModel;
import dev.weakstream.labelmodel.DevSet;
import dev.weakstream.labelmodel.LabelModelFactory;
import dev.weakstream.labelmodel.Metric;
import dev.weakstream.labelmodel.VoteStatistics;
import dev.weakstream.metrics.PipelineMetrics;
import dev.weakstream.pipeline.PipelineDefinition;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits the pipeline's label model: keeps the latest statistics snapshot of every stream task (the
 * statistics topic has one partition, so one task sees them all), and every {@code
 * refit_every_records} new records — or every {@code refit_interval} when some arrived — merges
 * them in task-id order, fits, and publishes the versioned parameters to the label-model topic,
 * keyed by pipeline name.
 *
 * <p>Gold rows from all tasks form the dev set that chooses hyper-parameters ({@code ds-select});
 * they are never fitted on. The partials and the fit counter are in a changelogged store, so a
 * restarted application resumes where it stopped. Fits are deterministic: same statistics, same
 * parameters.
 */
final class RefitLabelModel
    implements Processor<String, LabelModelStatistics, String, LabelModelRelease> {

  private static final Logger LOG = LoggerFactory.getLogger(RefitLabelModel.class);
  static final String FIT_STATE_KEY = "\u0000fit";
  static final int MIN_GOLD_ROWS = 20;

  private final PipelineDefinition pipeline;
  private final String storeName;
  private final PipelineMetrics metrics;
  private final AvroSerde<LabelModelStatistics> serde = new AvroSerde<>(new LabelModelStatistics());

  private ProcessorContext<String, LabelModelRelease> context;
  private KeyValueStore<String, byte[]> partials;
  private long fitNumber;
  private long recordsAtLastFit;

  /**
   * Weak records per task in its latest snapshot: kept here so counting needs no deserialization.
   */
  private final Map<String, Long> recordsByTask = new HashMap<>();

  RefitLabelModel(PipelineDefinition pipeline, String storeName, PipelineMetrics metrics) {
    this.pipeline = pipeline;
    this.storeName = storeName;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, LabelModelRelease> context) {
    this.context = context;
    this.partials = context.getStateStore(storeName);
    byte[] state = partials.get(FIT_STATE_KEY);
    if (state != null) {
      ByteBuffer buffer = ByteBuffer.wrap(state);
      fitNumber = buffer.getLong();
      recordsAtLastFit = buffer.getLong();
    }
    snapshots().forEach(s -> recordsByTask.put(s.getTaskId(), s.getRecords()));
    context.schedule(
        pipeline.labelModel().refitInterval(),
        PunctuationType.WALL_CLOCK_TIME,
        now -> {
          if (totalRecords() > recordsAtLastFit) {
            fit();
          }
        });
  }

  @Override
  public void process(Record<String, LabelModelStatistics> record) {
    LabelModelStatistics snapshot = record.value();
    if (!snapshot.getLfSetVersion().equals(pipeline.labelingFunctions().version())) {
      LOG.warn(
          "ignoring statistics of task {} for LF set {} (this pipeline's is {})",
          snapshot.getTaskId(),
          snapshot.getLfSetVersion(),
          pipeline.labelingFunctions().version());
      return;
    }
    partials.put(record.key(), serde.serializer().serialize(null, snapshot));
    recordsByTask.put(snapshot.getTaskId(), snapshot.getRecords());
    if (totalRecords() - recordsAtLastFit >= pipeline.labelModel().refitEveryRecords()) {
      fit();
    }
  }

  private List<LabelModelStatistics> snapshots() {
    List<LabelModelStatistics> all = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = partials.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> entry = it.next();
        if (!entry.key.equals(FIT_STATE_KEY)) {
          all.add(serde.deserializer().deserialize(null, entry.value));
        }
      }
    }
    all.sort((a, b) -> a.getTaskId().compareTo(b.getTaskId()));
    return all;
  }

  private long totalRecords() {
    return recordsByTask.values().stream().mapToLong(Long::longValue).sum();
  }

  private void fit() {
    long start = System.nanoTime();
    List<LabelModelStatistics> snapshots = snapshots();
    VoteStatistics merged = null;
    List<VoteRow> devRows = new ArrayList<>();
    List<Integer> devGold = new ArrayList<>();
    long records = 0;
    for (LabelModelStatistics s : snapshots) {
      VoteStatistics stats =
          VoteStatistics.fromBytes(UpdateLabelModelStatistics.bytes(s.getStatistics()));
      if (merged == null) {
        merged = stats;
      } else {
        merged.merge(stats);
      }
      records += s.getRecords();
      for (GoldRow row : s.getGoldRows()) {
        devRows.add(
            VoteRow.hard(
                row.getVotes().stream().mapToInt(Integer::intValue).toArray(), row.getId()));
        devGold.add(row.getGoldLabel());
      }
    }
    if (merged == null || records == 0) {
      return;
    }
    Metric metric = pipeline.labelModel().selectionMetric();
    DevSet dev =
        devRows.size() >= MIN_GOLD_ROWS
            ? new DevSet(devRows, devGold.stream().mapToInt(Integer::intValue).toArray(), metric)
            : null;
    Labeler labeler =
        LabelModelFactory.trainer(
                pipeline.labelModel().name(), pipeline.labelModel().classPriorArray())
            .fit(merged, dev);
    fitNumber++;
    recordsAtLastFit = records;
    partials.put(
        FIT_STATE_KEY,
        ByteBuffer.allocate(16).putLong(fitNumber).putLong(recordsAtLastFit).array());
    long millis = (System.nanoTime() - start) / 1_000_000;
    if (!(labeler instanceof DawidSkeneModel model)) {
      return;
    }
    metrics.labelModelFitted(millis);
    LabelModelRelease release =
        LabelModelRelease.newBuilder()
            .setName(pipeline.labelModel().name())
            .setVersion(model.version())
            .setFitNumber(fitNumber)
            .setLfSetVersion(pipeline.labelingFunctions().version())
            .setSourceNames(pipeline.sourceNames())
            .setRecords(records)
            .setGoldRows(devRows.size())
            .setLearnedAccuracy(Arrays.stream(model.learnedAccuracy()).boxed().toList())
            .setClassPrior(Arrays.stream(model.classPrior()).boxed().toList())
            .setFitMillis(millis)
            .setParameters(ByteBuffer.wrap(model.toBytes()))
            .setFittedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
            .build();
    LOG.info(
        "label model {} fit #{} on {} records ({} gold rows) in {} ms",
        model.version(),
        fitNumber,
        records,
        devRows.size(),
        millis);
    context.forward(new Record<>(pipeline.name(), release, context.currentSystemTimeMs()));
  }
}
