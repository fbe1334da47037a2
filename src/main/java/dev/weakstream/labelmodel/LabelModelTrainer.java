package dev.weakstream.labelmodel;

import dev.weakstream.core.Labeler;

/**
 * A named way to obtain a {@link Labeler} from vote statistics — the unit that {@link
 * LabelModelFactory} registers. Implementations are stateless and thread-safe.
 */
public interface LabelModelTrainer {

  String name();

  /**
   * Fits a label model. {@code dev} (may be null) is a small gold set that a trainer may use to
   * choose hyper-parameters, never to fit parameters.
   */
  Labeler fit(VoteStatistics stats, DevSet dev);
}
