package dev.weakstream.stream;

import dev.weakstream.avro.ExternalVote;
import dev.weakstream.avro.RawRecord;
import dev.weakstream.core.LabelingFunction;
import dev.weakstream.core.LabelingFunctionSet;
import dev.weakstream.core.TextRecord;
import dev.weakstream.core.VoteRow;
import dev.weakstream.metrics.PipelineMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Applies the pipeline's labeling functions to each record and appends the record's external votes
 * (votes computed elsewhere) after them. A throwing LF is counted and becomes an abstain.
 */
final class ApplyLabelingFunctions implements FixedKeyProcessor<String, RawRecord, VotedRecord> {

  private final LabelingFunctionSet lfs;
  private final PipelineMetrics metrics;
  private final LabelingFunctionSet.FaultListener faults;
  private FixedKeyProcessorContext<String, VotedRecord> context;

  ApplyLabelingFunctions(LabelingFunctionSet lfs, PipelineMetrics metrics) {
    this.lfs = lfs;
    this.metrics = metrics;
    this.faults = (index, name, error) -> metrics.lfFault(index);
  }

  @Override
  public void init(FixedKeyProcessorContext<String, VotedRecord> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, RawRecord> record) {
    RawRecord raw = record.value();
    int[] votes = lfs.apply(new TextRecord(raw.getId(), raw.getText(), raw.getAttributes()), faults);
    metrics.votes(votes);
    List<ExternalVote> external = raw.getExternalVotes();
    if (external == null || external.isEmpty()) {
      context.forward(record.withValue(new VotedRecord(raw, List.of(), VoteRow.hard(votes, raw.getId()))));
      return;
    }
    int m = votes.length;
    List<String> sources = new ArrayList<>(external.size());
    int[] all = Arrays.copyOf(votes, m + external.size());
    double[][] soft = null;
    for (int i = 0; i < external.size(); i++) {
      ExternalVote vote = external.get(i);
      sources.add(vote.getSource());
      all[m + i] = vote.getLabel();
      if (vote.getProbabilities() != null) {
        soft = soft == null ? new double[all.length][] : soft;
        soft[m + i] = vote.getProbabilities().stream().mapToDouble(Double::doubleValue).toArray();
        all[m + i] = argmax(soft[m + i]);
      }
    }
    context.forward(record.withValue(new VotedRecord(raw, sources, new VoteRow(all, soft, raw.getId()))));
  }

  private static int argmax(double[] p) {
    int best = 0;
    for (int k = 1; k < p.length; k++) {
      if (p[k] > p[best]) {
        best = k;
      }
    }
    return p.length == 0 ? LabelingFunction.ABSTAIN : best;
  }
}
