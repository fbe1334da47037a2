package dev.weakstream.pipeline;

import dev.weakstream.core.LabelingFunction;
import dev.weakstream.core.TextRecord;
import java.util.Map;

/** A plugin that breaks the contract: it ignores the name it is given. */
public final class FixedNameTestFunction implements LabelingFunction {

  public FixedNameTestFunction(String name, int label, Map<String, Object> options) {}

  @Override
  public String name() {
    return "always_this_name";
  }

  @Override
  public int apply(TextRecord record) {
    return ABSTAIN;
  }
}
