package dev.weakstream.shards;

import dev.weakstream.avro.LabeledRecord;
import dev.weakstream.avro.TrainingExample;

/**
 * Turns a pipeline's {@link LabeledRecord} into the {@link TrainingExample} a shard keeps.
 * Stateless.
 */
public final class TrainingExamples {

  private TrainingExamples() {}

  /** The shard view of {@code record}: text, soft label, votes, provenance and gold label. */
  public static TrainingExample of(LabeledRecord record) {
    return TrainingExample.newBuilder()
        .setId(record.getId())
        .setText(record.getText())
        .setProbabilities(record.getProbabilities())
        .setLabel(record.getLabel())
        .setConfidence(record.getConfidence())
        .setCovered(record.getCovered())
        .setVotes(record.getVotes())
        .setExternalSources(record.getExternalSources())
        .setLfSetVersion(record.getLfSetVersion())
        .setCombinerName(record.getCombinerName())
        .setCombinerVersion(record.getCombinerVersion())
        .setTeacherName(record.getTeacherName())
        .setTeacherVersion(record.getTeacherVersion())
        .setTeacherEmbedding(record.getTeacherEmbedding())
        .setSourcePartition(record.getSourcePartition())
        .setSourceOffset(record.getSourceOffset())
        .setEventTime(record.getEventTime())
        .setGoldLabel(record.getGoldLabel())
        .build();
  }
}
