package dev.weakstream.stream;

import dev.weakstream.avro.LabelModelRelease;
import dev.weakstream.labelmodel.DawidSkeneModel;
import dev.weakstream.pipeline.PipelineDefinition;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processor of the global label-model store: every instance reads the whole label-model topic,
 * keeps the latest release in the store and swaps it into {@link CurrentLabeler}. On start (and
 * after a restart, when the store was restored from the topic without passing through {@link
 * #process}) it loads the stored release, so an instance resumes with the learned model, not from
 * majority vote.
 */
final class LabelModelUpdater implements Processor<String, LabelModelRelease, Void, Void> {

  private static final Logger LOG = LoggerFactory.getLogger(LabelModelUpdater.class);

  private final PipelineDefinition pipeline;
  private final String storeName;
  private final CurrentLabeler current;
  private KeyValueStore<String, LabelModelRelease> store;

  LabelModelUpdater(PipelineDefinition pipeline, String storeName, CurrentLabeler current) {
    this.pipeline = pipeline;
    this.storeName = storeName;
    this.current = current;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(storeName);
    LabelModelRelease stored = store.get(pipeline.name());
    if (stored != null) {
      use(stored);
    }
  }

  @Override
  public void process(Record<String, LabelModelRelease> record) {
    if (record.key() == null || record.value() == null) {
      return;
    }
    store.put(record.key(), record.value());
    if (record.key().equals(pipeline.name())) {
      use(record.value());
    }
  }

  private void use(LabelModelRelease release) {
    if (!release.getLfSetVersion().equals(pipeline.labelingFunctions().version())) {
      LOG.warn(
          "label model {} was fitted for LF set {}, not {}; keeping {}",
          release.getVersion(),
          release.getLfSetVersion(),
          pipeline.labelingFunctions().version(),
          current.get().version());
      return;
    }
    current.set(
        DawidSkeneModel.fromBytes(UpdateLabelModelStatistics.bytes(release.getParameters())));
    LOG.info(
        "labeling with label model {} (fit #{}, {} records)",
        release.getVersion(),
        release.getFitNumber(),
        release.getRecords());
  }
}
