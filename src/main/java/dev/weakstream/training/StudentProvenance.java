package dev.weakstream.training;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The provenance a trained student carries (into its ONNX {@code metadata_props}): the trainer and
 * its config, the seed, what was selected, how many rows it saw, and its gold metrics. Keys and
 * value spellings are read by the registry and reports; keep them stable.
 */
final class StudentProvenance {

  private StudentProvenance() {}

  /**
   * @param selected the winning candidate
   * @param goldAccuracy accuracy on gold (NaN without gold)
   * @param goldF1 F1 of class 1 on gold, or null when not a binary task
   */
  static Map<String, String> of(
      StudentTrainerConfig config,
      StudentTrainer.Candidate selected,
      int trainRows,
      int goldRows,
      double goldAccuracy,
      Double goldF1) {
    Map<String, String> provenance = new LinkedHashMap<>();
    provenance.put("trainer", StudentTrainer.class.getSimpleName());
    provenance.put("trainer.config", config.describe());
    provenance.put("trainer.seed", Long.toString(config.seed()));
    provenance.put("trainer.l2", Double.toString(selected.l2()));
    provenance.put("trainer.temperature", Double.toString(selected.temperature()));
    provenance.put("trainer.epoch", Integer.toString(selected.bestEpoch()));
    provenance.put("train.rows", Integer.toString(trainRows));
    provenance.put("gold.rows", Integer.toString(goldRows));
    provenance.put("gold.accuracy", Double.toString(goldAccuracy));
    if (goldF1 != null) {
      provenance.put("gold.f1", Double.toString(goldF1));
    }
    return provenance;
  }
}
