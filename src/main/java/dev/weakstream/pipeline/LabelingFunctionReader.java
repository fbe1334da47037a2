package dev.weakstream.pipeline;

import com.google.re2j.PatternSyntaxException;
import dev.weakstream.core.LabelingFunction;
import dev.weakstream.core.lf.AttributeFunction;
import dev.weakstream.core.lf.KeywordsFunction;
import dev.weakstream.core.lf.LengthFunction;
import dev.weakstream.core.lf.LengthUnit;
import dev.weakstream.core.lf.LexiconFunction;
import dev.weakstream.core.lf.MatchMode;
import dev.weakstream.core.lf.RegexFunction;
import dev.weakstream.core.lf.RegexSize;
import dev.weakstream.core.lf.TimedFunction;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds one labeling function from its entry in the {@code labeling_functions} list, validating
 * every field for its kind (see {@link LabelingFunctionKind}). Lexicon files are resolved relative
 * to the definition file and their bytes are added to the {@link DefinitionFingerprint}.
 *
 * <p>Not thread-safe; one instance per load.
 */
final class LabelingFunctionReader {

  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");

  /** The time budget per record of regex and attribute functions, unless set. */
  static final int DEFAULT_TIME_BUDGET_MS = 10;

  /**
   * The largest budget: a poll of 1000 records (Kafka Streams' max.poll.records) must stay below
   * max.poll.interval.ms (5 minutes) even when a few functions use it all.
   */
  static final int MAX_TIME_BUDGET_MS = 1_000;

  private final List<ClassDefinition> classes;
  private final InputDefinition input;
  private final DefinitionFingerprint fingerprint;

  LabelingFunctionReader(
      List<ClassDefinition> classes, InputDefinition input, DefinitionFingerprint fingerprint) {
    this.classes = classes;
    this.input = input;
    this.fingerprint = fingerprint;
  }

  LabelingFunction read(YamlMapping lf) {
    String name = lf.requiredString("name", "give every labeling function a unique name");
    if (!NAME.matcher(name).matches()) {
      throw lf.error(
          "name",
          "name '"
              + name
              + "' has characters other than letters, digits, "
              + "'_', '.' or '-', or does not start with a letter",
          "rename it, e.g. keyword_subscribe");
    }
    String kindName =
        lf.requiredString("kind", "add 'kind:' — one of " + LabelingFunctionKind.yamlNameList());
    LabelingFunctionKind kind =
        LabelingFunctionKind.fromYaml(kindName)
            .orElseThrow(
                () ->
                    lf.error(
                        "kind",
                        "unknown kind '"
                            + kindName
                            + "'"
                            + NearestName.hint(kindName, LabelingFunctionKind.yamlNames()),
                        "use one of " + LabelingFunctionKind.yamlNameList()));
    lf.rejectUnknownKeys(kind.keys(), List.of());
    if (kind == LabelingFunctionKind.JAVA) {
      int label = lf.has("label") ? label(lf) : LabelingFunction.ABSTAIN;
      LabelingFunction plugin = java(lf, name, label);
      // Plugins cannot be stopped, only timed: with the wall clock, which counts pauses too, so
      // only where the definition asks for it.
      return lf.has("time_budget_ms") ? new TimedFunction(plugin, timeBudget(lf)) : plugin;
    }
    int label = label(lf);
    try {
      return switch (kind) {
        case KEYWORDS -> keywords(lf, name, label);
        case REGEX ->
            new RegexFunction(
                name,
                label,
                lf.requiredString("pattern", "add 'pattern:' with an RE2 regular expression"),
                lf.optionalBoolean("ignore_case", false),
                timeBudget(lf));
        case LENGTH -> length(lf, name, label);
        case ATTRIBUTE -> attribute(lf, name, label);
        case LEXICON -> lexicon(lf, name, label);
        case JAVA -> throw new AssertionError("handled above");
      };
    } catch (RegexSize.TooLargeException e) {
      throw lf.error(
          kind == LabelingFunctionKind.REGEX ? "pattern" : "matches",
          e.getMessage(),
          "use * or + instead of large counts {n,m}, and do not nest counted repetitions; for long"
              + " word lists use a keywords or lexicon function",
          e);
    } catch (PatternSyntaxException e) {
      String key = kind == LabelingFunctionKind.REGEX ? "pattern" : "matches";
      throw lf.error(
          key,
          "invalid RE2 regular expression: " + e.getMessage(),
          "correct the pattern; RE2 has no back-references or look-around, and '\\' must be "
              + "written '\\\\' inside double quotes (or use single quotes)",
          e);
    }
  }

  /** {@code time_budget_ms}: the most time the function may take per record before abstaining. */
  private static int timeBudget(YamlMapping lf) {
    int millis = lf.optionalInt("time_budget_ms", DEFAULT_TIME_BUDGET_MS);
    if (millis < 1 || millis > MAX_TIME_BUDGET_MS) {
      throw lf.error(
          "time_budget_ms",
          "must be in [1, " + MAX_TIME_BUDGET_MS + "] milliseconds, was " + millis,
          "leave it out for the default of "
              + DEFAULT_TIME_BUDGET_MS
              + " ms, or give a few milliseconds more for a costly function");
    }
    return millis;
  }

  private int label(YamlMapping lf) {
    String value =
        lf.requiredString("label", "add 'label:' with a class name or id: " + classList());
    for (ClassDefinition c : classes) {
      if (c.name().equalsIgnoreCase(value.trim()) || String.valueOf(c.id()).equals(value.trim())) {
        return c.id();
      }
    }
    List<String> names = classes.stream().map(ClassDefinition::name).toList();
    throw lf.error(
        "label",
        "label '" + value + "' is not a declared class" + NearestName.hint(value, names),
        "use one of the classes: " + classList());
  }

  private String classList() {
    return String.join(", ", classes.stream().map(c -> c.name() + " (" + c.id() + ")").toList());
  }

  private LabelingFunction keywords(YamlMapping lf, String name, int label) {
    List<String> words = lf.stringList("words", true, "add 'words: [word, another phrase]'");
    if (words.isEmpty()) {
      throw lf.error("words", "the list is empty", "list at least one word or phrase");
    }
    String match = lf.optionalString("match", "any");
    MatchMode mode =
        switch (String.valueOf(match).toLowerCase(Locale.ROOT)) {
          case "any" -> MatchMode.ANY;
          case "all" -> MatchMode.ALL;
          default ->
              throw lf.error(
                  "match", "unknown match '" + match + "'", "write 'match: any' or 'match: all'");
        };
    return new KeywordsFunction(
        name,
        label,
        words,
        mode,
        lf.optionalBoolean("ignore_case", true),
        lf.optionalBoolean("word_boundary", true));
  }

  private LabelingFunction length(YamlMapping lf, String name, int label) {
    String unitName = lf.optionalString("unit", "tokens");
    LengthUnit unit =
        switch (String.valueOf(unitName).toLowerCase(Locale.ROOT)) {
          case "tokens" -> LengthUnit.TOKENS;
          case "chars" -> LengthUnit.CHARS;
          default ->
              throw lf.error(
                  "unit",
                  "unknown unit '" + unitName + "'",
                  "write 'unit: tokens' or 'unit: chars'");
        };
    if (!lf.has("min") && !lf.has("max")) {
      throw lf.missing("min", "give 'min:', 'max:' or both (inclusive bounds)");
    }
    int min = lf.optionalInt("min", LengthFunction.NO_MIN);
    int max = lf.optionalInt("max", LengthFunction.NO_MAX);
    if (min < 0) {
      throw lf.error("min", "must not be negative, was " + min, "use 0 or more");
    }
    if (min > max) {
      throw lf.error("max", "max " + max + " is below min " + min, "make max at least min");
    }
    return new LengthFunction(name, label, unit, min, max);
  }

  private LabelingFunction attribute(YamlMapping lf, String name, int label) {
    String field = lf.requiredString("field", "add 'field:' with a record attribute name");
    if (input.format() == InputFormat.JSON && !input.fields().attributes().contains(field)) {
      throw lf.error(
          "field",
          "attribute '"
              + field
              + "' is not mapped in input.fields.attributes "
              + input.fields().attributes()
              + NearestName.hint(field, input.fields().attributes()),
          "add it to input.fields.attributes or correct the name");
    }
    boolean ignoreCase = lf.optionalBoolean("ignore_case", false);
    if (lf.has("equals") == lf.has("matches")) {
      throw lf.error(
          lf.has("equals") ? "matches" : "equals",
          "give exactly one of 'equals' and 'matches'",
          "use 'equals: VALUE' for an exact value or 'matches: REGEX' for a whole-value RE2 match");
    }
    return lf.has("equals")
        ? AttributeFunction.equalTo(name, label, field, lf.requiredString("equals", ""), ignoreCase)
        : AttributeFunction.matching(
            name, label, field, lf.requiredString("matches", ""), ignoreCase, timeBudget(lf));
  }

  private LabelingFunction lexicon(YamlMapping lf, String name, int label) {
    String relative =
        lf.requiredString("file", "add 'file:' with a word list, relative to this file");
    Path base = lf.file().toAbsolutePath().getParent();
    Path path = base.resolve(relative).normalize();
    byte[] bytes;
    List<String> lines;
    try {
      bytes = Files.readAllBytes(path);
      String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
      lines = (text.startsWith("\uFEFF") ? text.substring(1) : text).lines().toList();
    } catch (NoSuchFileException e) {
      throw lf.error(
          "file",
          "lexicon file '" + relative + "' not found (looked at " + path + ")",
          "create it, or give a path relative to the directory of " + lf.file().getFileName());
    } catch (CharacterCodingException e) {
      throw lf.error(
          "file", "lexicon file '" + relative + "' is not UTF-8 text", "save it as UTF-8");
    } catch (IOException e) {
      throw lf.error(
          "file",
          "lexicon file '" + relative + "' cannot be read: " + e.getMessage(),
          "check the file's permissions");
    }
    Set<String> words = new LinkedHashSet<>(LexiconFunction.entries(lines));
    if (words.isEmpty()) {
      throw lf.error(
          "file",
          "lexicon file '" + relative + "' has no words",
          "write one word per line ('#' starts a comment)");
    }
    int minMatches = lf.optionalInt("min_matches", 1);
    if (minMatches < 1) {
      throw lf.error("min_matches", "must be at least 1, was " + minMatches, "use 1 or more");
    }
    fingerprint.addResource(name + ":" + relative, bytes);
    try {
      return new LexiconFunction(name, label, words, minMatches);
    } catch (IllegalArgumentException e) {
      throw lf.error(
          "file",
          "lexicon file '" + relative + "': " + e.getMessage(),
          "keep one single word per line; use a keywords function for phrases");
    }
  }

  private LabelingFunction java(YamlMapping lf, String name, int label) {
    String className =
        lf.requiredString(
            "class",
            "add 'class:' with the fully qualified name of a LabelingFunction implementation");
    Map<String, Object> options = Map.of();
    if (lf.has("options") && !YamlMapping.isNull(lf.value("options"))) {
      @SuppressWarnings("unchecked")
      Map<String, Object> map =
          (Map<String, Object>) YamlMapping.plainValue(lf.mapping("options").orElseThrow().node());
      options = map;
    }
    return JavaPluginFactory.create(lf, className, name, label, options);
  }
}
