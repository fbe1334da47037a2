package dev.weakstream.shards;

import dev.weakstream.avro.ShardKind;
import dev.weakstream.avro.TrainingExample;
import dev.weakstream.pipeline.ShardPolicy;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Decides which shard a labeled record goes into under a {@link ShardPolicy}: gold-labeled records
 * always go to the evaluation set (never to training, whatever their confidence, so the evaluation
 * set is an unbiased sample of the gold rows); other records are admitted to training unless their
 * confidence is below {@code min_confidence}, they are uncovered and {@code drop_uncovered} is on,
 * or the open training shard already holds {@code per_class_cap} records of their (argmax) class.
 * Checks run in that order, and the first failing one is the reason.
 *
 * <p>Counts skips by reason. Not thread-safe: one instance per consuming thread.
 */
public final class ShardAdmission {

  private final ShardPolicy policy;
  private final Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);

  public ShardAdmission(ShardPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /**
   * The kind of shard {@code example} belongs in if admitted: EVALUATION when it has a gold label.
   */
  public static ShardKind destination(TrainingExample example) {
    return example.getGoldLabel() != null ? ShardKind.EVALUATION : ShardKind.TRAINING;
  }

  /**
   * @param example the record
   * @param openTrainingHistogram records per class in the open training shard it would join (empty
   *     array or zeros when none is open); only read when a per-class cap is set
   */
  public Admission decide(TrainingExample example, long[] openTrainingHistogram) {
    if (destination(example) == ShardKind.EVALUATION) {
      return new Admission.Admit(ShardKind.EVALUATION);
    }
    if (example.getConfidence() < policy.minConfidence()) {
      return skip(SkipReason.LOW_CONFIDENCE);
    }
    if (policy.dropUncovered() && !example.getCovered()) {
      return skip(SkipReason.UNCOVERED);
    }
    int label = example.getLabel();
    if (policy.perClassCap() > 0
        && label < openTrainingHistogram.length
        && openTrainingHistogram[label] >= policy.perClassCap()) {
      return skip(SkipReason.CLASS_CAP);
    }
    return new Admission.Admit(ShardKind.TRAINING);
  }

  /** Counts a skip decided elsewhere (e.g. {@link SkipReason#ALREADY_SEALED}) with the others. */
  public Admission.Skip skip(SkipReason reason) {
    skipped.merge(reason, 1L, Long::sum);
    return new Admission.Skip(reason);
  }

  /** Records skipped for {@code reason} so far. */
  public long skipped(SkipReason reason) {
    return skipped.getOrDefault(reason, 0L);
  }
}
