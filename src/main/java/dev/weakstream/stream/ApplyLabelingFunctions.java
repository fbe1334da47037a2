package dev.weakstream.stream;

import dev.weakstream.avro.ExternalVote;
import dev.weakstream.avro.RawRecord;
import dev.weakstream.core.LabelingFunction;
import dev.weakstream.core.LabelingFunctionSet;
import dev.weakstream.core.LabelingFunctionTimeout;
import dev.weakstream.core.TextRecord;
import dev.weakstream.core.VoteRow;
import dev.weakstream.metrics.PipelineMetrics;
import dev.weakstream.pipeline.PipelineDefinition;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Applies the pipeline's labeling functions to each record and places the record's external votes
 * (votes computed elsewhere) after them, in the order the pipeline declares its external sources; a
 * declared source without a vote abstains. A throwing LF is counted ({@code weakstream.lf.faults})
 * and becomes an abstain; so is one that ran past its time budget ({@code weakstream.lf.timeouts}).
 */
final class ApplyLabelingFunctions implements FixedKeyProcessor<String, RawRecord, VotedRecord> {

  private final LabelingFunctionSet lfs;
  private final List<String> externalSources;
  private final PipelineMetrics metrics;
  private final LabelingFunctionSet.FaultListener faults;
  private FixedKeyProcessorContext<String, VotedRecord> context;

  ApplyLabelingFunctions(PipelineDefinition pipeline, PipelineMetrics metrics) {
    this.lfs = pipeline.labelingFunctions();
    this.externalSources = pipeline.externalSources();
    this.metrics = metrics;
    this.faults =
        new LabelingFunctionSet.FaultListener() {
          @Override
          public void onFault(int index, String name, RuntimeException error) {
            metrics.lfFault(index);
          }

          @Override
          public void onTimeout(int index, String name, LabelingFunctionTimeout timeout) {
            metrics.lfTimeout(index);
          }
        };
  }

  @Override
  public void init(FixedKeyProcessorContext<String, VotedRecord> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, RawRecord> record) {
    RawRecord raw = record.value();
    int[] votes =
        lfs.apply(new TextRecord(raw.getId(), raw.getText(), raw.getAttributes()), faults);
    metrics.votes(votes);
    if (externalSources.isEmpty()) {
      context.forward(record.withValue(voted(raw, VoteRow.hard(votes, raw.getId()))));
      return;
    }
    int m = votes.length;
    int[] all = Arrays.copyOf(votes, m + externalSources.size());
    Arrays.fill(all, m, all.length, LabelingFunction.ABSTAIN);
    double[][] soft = null;
    List<ExternalVote> external =
        raw.getExternalVotes() == null ? List.of() : raw.getExternalVotes();
    for (ExternalVote vote : external) {
      int j = m + externalSources.indexOf(vote.getSource());
      all[j] = vote.getLabel();
      if (vote.getProbabilities() != null) {
        soft = soft == null ? new double[all.length][] : soft;
        soft[j] = vote.getProbabilities().stream().mapToDouble(Double::doubleValue).toArray();
        all[j] = argmax(soft[j]);
      }
    }
    context.forward(record.withValue(voted(raw, new VoteRow(all, soft, raw.getId()))));
  }

  /** The votes with the raw record's position in its topic, the provenance shards keep. */
  private VotedRecord voted(RawRecord raw, VoteRow row) {
    var metadata = context.recordMetadata();
    return metadata.isPresent()
        ? new VotedRecord(raw, row, metadata.get().partition(), metadata.get().offset())
        : new VotedRecord(raw, row);
  }

  /** The most probable class of a soft vote (the first, on ties): its hard vote. */
  static int argmax(double[] p) {
    int best = 0;
    for (int k = 1; k < p.length; k++) {
      if (p[k] > p[best]) {
        best = k;
      }
    }
    return best;
  }
}
