package dev.weakstream.pipeline;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The {@code kind:} values a labeling function may have in a pipeline definition, each with the
 * keys it accepts besides the common ones ({@link #COMMON_KEYS}).
 */
enum LabelingFunctionKind {
  KEYWORDS("words", "match", "ignore_case", "word_boundary"),
  REGEX("pattern", "ignore_case", "time_budget_ms"),
  LENGTH("unit", "min", "max"),
  ATTRIBUTE("field", "equals", "matches", "ignore_case", "time_budget_ms"),
  LEXICON("file", "min_matches"),
  JAVA("class", "options", "time_budget_ms");

  /** Keys every kind accepts. */
  static final List<String> COMMON_KEYS = CommonKeys.KEYS;

  /** Holder, so the enum constants' initializers can read the common keys. */
  private static final class CommonKeys {
    static final List<String> KEYS = List.of("name", "kind", "label", "description");
  }

  private final List<String> keys;

  LabelingFunctionKind(String... ownKeys) {
    this.keys = Stream.concat(CommonKeys.KEYS.stream(), Arrays.stream(ownKeys)).toList();
  }

  /** The value written in YAML, e.g. {@code keywords}. */
  String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every key a function of this kind accepts. */
  List<String> keys() {
    return keys;
  }

  static Optional<LabelingFunctionKind> fromYaml(String value) {
    return Arrays.stream(values()).filter(k -> k.yamlName().equals(value)).findFirst();
  }

  static Set<String> yamlNames() {
    return Set.copyOf(Arrays.stream(values()).map(LabelingFunctionKind::yamlName).toList());
  }

  static String yamlNameList() {
    return String.join(", ", Arrays.stream(values()).map(LabelingFunctionKind::yamlName).toList());
  }
}
