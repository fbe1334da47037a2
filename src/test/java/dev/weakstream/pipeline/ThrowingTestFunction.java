package dev.weakstream.pipeline;

import dev.weakstream.core.LabelingFunction;
import dev.weakstream.core.TextRecord;
import java.util.Map;

/** A plugin that throws on every record, to test fault handling and what the loader passes in. */
public final class ThrowingTestFunction implements LabelingFunction {

  private final String name;
  private final int label;
  private final Map<String, Object> options;

  public ThrowingTestFunction(String name, int label, Map<String, Object> options) {
    this.name = name;
    this.label = label;
    this.options = options;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int apply(TextRecord record) {
    // The message shows what the loader passed in: the label's class id and plain option values.
    throw new IllegalStateException(
        options.get("message")
            + " label="
            + label
            + " limit="
            + options.get("limit").getClass().getSimpleName()
            + ":"
            + options.get("limit"));
  }
}
