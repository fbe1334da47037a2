package dev.weakstream.labelmodel;

/** How a label model sets the class prior. */
public enum PriorMode {
  /** Every class equally likely; uncovered rows then tie and are broken by the row key, like MV. */
  UNIFORM,
  /** Estimated by EM from the votes (with add-one smoothing). */
  LEARNED,
  /** Given by the caller, e.g. the class balance of a small gold set. */
  FIXED
}
