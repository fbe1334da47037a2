package dev.weakstream.pipeline;

import dev.weakstream.core.LabelingFunction;
import dev.weakstream.core.LabelingFunctionSet;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads and validates a pipeline definition ({@code topology/*.yaml}; format in {@code
 * topology/README.md}) into a {@link PipelineDefinition}, building its labeling functions.
 *
 * <p>Every problem fails the load with a {@link PipelineDefinitionException} naming the file, the
 * line, the field path and the fix; unknown keys are rejected (with a "did you mean" hint), except
 * the top-level sections in {@link #RESERVED_SECTIONS}, which later components read.
 *
 * <p>Stateless and thread-safe.
 */
public final class PipelineLoader {

  /** Top-level sections this loader reads. */
  public static final List<String> SECTIONS =
      List.of(
          "name",
          "classes",
          "input",
          "output",
          "labeling_functions",
          "external_sources",
          "label_model",
          "teachers",
          "student",
          "shards");

  /**
   * Top-level sections accepted and ignored here because other components define and read them; add
   * a section here before giving it its own reader.
   */
  public static final Set<String> RESERVED_SECTIONS = Set.of();

  private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  private PipelineLoader() {}

  /**
   * Reads, validates and builds the definition in {@code yamlFile}.
   *
   * @throws PipelineDefinitionException if the file is missing, is not valid YAML, or any field is
   *     missing, unknown or invalid
   */
  public static PipelineDefinition load(Path yamlFile) {
    YamlMapping root = YamlMapping.of(yamlFile, "", compose(yamlFile));
    root.rejectUnknownKeys(SECTIONS, RESERVED_SECTIONS);
    String name = root.requiredString("name", "add 'name: my-pipeline' at the top of the file");
    List<ClassDefinition> classes = classes(root);
    InputDefinition input =
        input(root.requiredMapping("input", "add an 'input:' section with 'topic:' and 'format:'"));
    OutputDefinition output =
        output(
            root.requiredMapping(
                "output",
                "add an 'output:' section with 'labeled_topic:' and 'dead_letter_topic:'"));
    LabelingFunctionSet functions = labelingFunctions(root, classes, input);
    List<String> external =
        root.has("external_sources")
            ? root.stringList(
                "external_sources",
                false,
                "list the names of external voters, e.g. [moderation-api]")
            : List.of();
    for (String source : external) {
      if (functions.names().contains(source)
          || external.indexOf(source) != external.lastIndexOf(source)) {
        throw root.error(
            "external_sources",
            "source name '" + source + "' is used twice",
            "give every labeling function and external source a unique name");
      }
    }
    LabelModelDefinition labelModel =
        root.mapping("label_model")
            .map(section -> labelModel(section, classes.size()))
            .orElse(LabelModelDefinition.defaults());
    List<TeacherDefinition> teachers = new java.util.ArrayList<>();
    for (Node node :
        root.sequence("teachers", false, "list teachers, e.g. [{name: minilm, mode: fewshot}]")) {
      YamlMapping t = YamlMapping.of(yamlFile, "teachers[" + teachers.size() + "]", node);
      teachers.add(teacher(t, yamlFile));
    }
    if (teachers.size() > 1) {
      throw root.error(
          "teachers", "only one teacher per pipeline is supported so far", "keep one entry");
    }
    for (TeacherDefinition t : teachers) {
      if (functions.names().contains(t.name()) || external.contains(t.name())) {
        throw root.error(
            "teachers",
            "source name '" + t.name() + "' is used twice",
            "give every labeling function, external source and teacher a unique name");
      }
    }
    StudentDefinition student =
        root.mapping("student").map(StudentSectionReader::read).orElse(null);
    ShardPolicy shards =
        root.has("shards")
            ? shards(
                root.requiredMapping(
                    "shards",
                    "write 'shards: {}' for the default policy, or drop the section for no shards"))
            : null;
    return new PipelineDefinition(
        yamlFile,
        name,
        classes,
        input,
        output,
        functions,
        external,
        labelModel,
        teachers,
        student,
        shards);
  }

  private static ShardPolicy shards(YamlMapping section) {
    ShardPolicy d = ShardPolicy.defaults();
    section.rejectUnknownKeys(
        List.of(
            "min_confidence",
            "drop_uncovered",
            "per_class_cap",
            "seal_records",
            "seal_age_seconds",
            "retain_shards",
            "retain_age_seconds"),
        Set.of());
    double minConfidence = d.minConfidence();
    if (section.has("min_confidence")) {
      String value = section.optionalString("min_confidence", null);
      try {
        minConfidence = Double.parseDouble(value == null ? "" : value.trim());
      } catch (NumberFormatException e) {
        throw section.error(
            "min_confidence", "must be a number, found '" + value + "'", "write e.g. 0.8");
      }
      if (!(minConfidence >= 0 && minConfidence <= 1)) {
        throw section.error(
            "min_confidence",
            "must be in [0, 1], was " + value,
            "write a probability, e.g. 0.8 (0 admits every record)");
      }
    }
    boolean dropUncovered = section.optionalBoolean("drop_uncovered", d.dropUncovered());
    int perClassCap = section.optionalInt("per_class_cap", d.perClassCap());
    int sealRecords = section.optionalInt("seal_records", d.sealRecords());
    int sealAgeSeconds = section.optionalInt("seal_age_seconds", (int) d.sealAge().toSeconds());
    int retainShards = section.optionalInt("retain_shards", d.retainShards());
    int retainAgeSeconds = section.optionalInt("retain_age_seconds", 0);
    if (perClassCap < 0) {
      throw section.error("per_class_cap", "must be >= 0, was " + perClassCap, "use 0 for no cap");
    }
    if (sealRecords < 1) {
      throw section.error("seal_records", "must be >= 1, was " + sealRecords, "write e.g. 10000");
    }
    if (sealAgeSeconds < 1) {
      throw section.error(
          "seal_age_seconds", "must be >= 1, was " + sealAgeSeconds, "write e.g. 300");
    }
    if (retainShards < 0) {
      throw section.error(
          "retain_shards", "must be >= 0, was " + retainShards, "use 0 to keep every shard");
    }
    if (retainAgeSeconds < 0) {
      throw section.error(
          "retain_age_seconds",
          "must be >= 0, was " + retainAgeSeconds,
          "use 0 (or leave it out) to keep shards regardless of age");
    }
    if (perClassCap > sealRecords) {
      throw section.error(
          "per_class_cap",
          "per_class_cap "
              + perClassCap
              + " exceeds seal_records "
              + sealRecords
              + ", so it never applies",
          "lower per_class_cap or use 0 for no cap");
    }
    return new ShardPolicy(
        minConfidence,
        dropUncovered,
        perClassCap,
        sealRecords,
        java.time.Duration.ofSeconds(sealAgeSeconds),
        retainShards,
        retainAgeSeconds == 0 ? null : java.time.Duration.ofSeconds(retainAgeSeconds));
  }

  private static TeacherDefinition teacher(YamlMapping t, Path yamlFile) {
    t.rejectUnknownKeys(
        List.of(
            "name",
            "mode",
            "query",
            "confidence_below",
            "batch_size",
            "max_wait_ms",
            "max_calls_per_second",
            "cache_size",
            "min_gold",
            "seed_file"),
        Set.of());
    String name =
        t.requiredString("name", "name a teacher manifest in models/, e.g. 'name: minilm'");
    String mode = t.optionalString("mode", "fewshot");
    String query = t.optionalString("query", "uncovered");
    TeacherReference.Mode parsedMode;
    TeacherDefinition.Query parsedQuery;
    try {
      parsedMode = TeacherReference.Mode.valueOf(mode.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw t.error("mode", "unknown mode '" + mode + "'", "use zeroshot or fewshot");
    }
    try {
      parsedQuery = TeacherDefinition.Query.valueOf(query.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw t.error(
          "query",
          "unknown query policy '" + query + "'",
          "use uncovered, low_confidence or always");
    }
    TeacherDefinition d = TeacherDefinition.defaults(name, parsedMode);
    int confidencePercent = t.optionalInt("confidence_below", -1);
    int batch = t.optionalInt("batch_size", d.batchSize());
    int maxWait = t.optionalInt("max_wait_ms", (int) d.maxWait().toMillis());
    int rate = t.optionalInt("max_calls_per_second", 0);
    int cache = t.optionalInt("cache_size", d.cacheSize());
    int minGold = t.optionalInt("min_gold", d.minGold());
    if (batch < 1 || maxWait < 1 || rate < 0 || cache < 0 || minGold < 2) {
      throw t.error(
          "batch_size",
          "batch_size and max_wait_ms must be positive, max_calls_per_second and "
              + "cache_size >= 0, min_gold >= 2",
          "fix the numbers");
    }
    if (confidencePercent != -1 && (confidencePercent < 1 || confidencePercent > 100)) {
      throw t.error(
          "confidence_below",
          "must be a percentage in [1, 100], was " + confidencePercent,
          "write e.g. 'confidence_below: 80'");
    }
    String seed = t.optionalString("seed_file", null);
    Path seedFile = null;
    if (seed != null) {
      Path base = yamlFile.toAbsolutePath().getParent();
      seedFile = base == null ? Path.of(seed) : base.resolve(seed);
      if (!java.nio.file.Files.isRegularFile(seedFile)) {
        throw t.error(
            "seed_file",
            "file not found: " + seedFile,
            "give a CSV, TSV or JSONL file of gold-labeled records, relative to this YAML file");
      }
      if (parsedMode != TeacherReference.Mode.FEWSHOT) {
        throw t.error(
            "seed_file",
            "a seed file only feeds a few-shot head",
            "set mode: fewshot or drop seed_file");
      }
    }
    return new TeacherDefinition(
        name,
        parsedMode,
        parsedQuery,
        confidencePercent == -1 ? d.confidenceBelow() : confidencePercent / 100.0,
        batch,
        java.time.Duration.ofMillis(maxWait),
        rate,
        cache,
        minGold,
        seedFile);
  }

  private static LabelModelDefinition labelModel(YamlMapping section, int numClasses) {
    LabelModelDefinition d = LabelModelDefinition.defaults();
    section.rejectUnknownKeys(
        List.of(
            "name",
            "refit_every_records",
            "refit_interval_seconds",
            "half_life_records",
            "capacity",
            "selection_metric",
            "snapshot_every_records",
            "class_prior"),
        Set.of());
    String name = section.optionalString("name", d.name());
    if (!dev.weakstream.labelmodel.LabelModelFactory.names().contains(name)) {
      throw section.error(
          "name",
          "unknown label model '" + name + "'",
          "use one of " + String.join(", ", dev.weakstream.labelmodel.LabelModelFactory.names()));
    }
    int refitRecords = section.optionalInt("refit_every_records", (int) d.refitEveryRecords());
    int refitSeconds =
        section.optionalInt("refit_interval_seconds", (int) d.refitInterval().toSeconds());
    int halfLife = section.optionalInt("half_life_records", 0);
    int capacity = section.optionalInt("capacity", d.capacity());
    int snapshot = section.optionalInt("snapshot_every_records", (int) d.snapshotEveryRecords());
    String metric = section.optionalString("selection_metric", d.selectionMetric());
    if (refitRecords < 1 || refitSeconds < 1 || snapshot < 1 || capacity < 1 || halfLife < 0) {
      throw section.error(
          "refit_every_records",
          "refit_every_records, refit_interval_seconds, capacity and "
              + "snapshot_every_records must be positive, half_life_records >= 0",
          "fix the numbers");
    }
    if (!metric.equals("accuracy") && !metric.equals("f1")) {
      throw section.error(
          "selection_metric", "unknown metric '" + metric + "'", "use accuracy or f1");
    }
    List<Double> prior = null;
    if (section.has("class_prior")) {
      List<String> values =
          section.stringList("class_prior", false, "one probability per class, e.g. [0.9, 0.1]");
      try {
        prior = values.stream().map(Double::valueOf).toList();
      } catch (NumberFormatException e) {
        throw section.error(
            "class_prior", "not a list of numbers: " + values, "write e.g. [0.9, 0.1]");
      }
      double sum = prior.stream().mapToDouble(Double::doubleValue).sum();
      if (prior.size() != numClasses
          || prior.stream().anyMatch(v -> v <= 0)
          || Math.abs(sum - 1) > 1e-6) {
        throw section.error(
            "class_prior",
            "needs " + numClasses + " positive probabilities summing to 1, got " + values,
            "give one probability per class, in class-id order");
      }
      if (!dev.weakstream.labelmodel.LabelModelFactory.namesAcceptingPrior().contains(name)) {
        throw section.error(
            "class_prior",
            "label model '" + name + "' chooses its own prior",
            "use one of "
                + String.join(
                    ", ", dev.weakstream.labelmodel.LabelModelFactory.namesAcceptingPrior())
                + " with class_prior, or drop class_prior (ds-select picks the prior from gold rows)");
      }
    }
    return new LabelModelDefinition(
        name,
        refitRecords,
        java.time.Duration.ofSeconds(refitSeconds),
        halfLife,
        capacity,
        metric,
        snapshot,
        prior);
  }

  static Node compose(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Node node = new Yaml(new LoaderOptions()).compose(reader);
      if (node == null) {
        throw new PipelineDefinitionException(
            file,
            0,
            0,
            "",
            "the file is empty",
            "write a pipeline definition (see topology/README.md)",
            null);
      }
      return node;
    } catch (NoSuchFileException e) {
      throw new PipelineDefinitionException(
          file,
          0,
          0,
          "",
          "file not found",
          "check the path (relative paths resolve against " + Path.of("").toAbsolutePath() + ")",
          e);
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark();
      throw new PipelineDefinitionException(
          file,
          mark == null ? 0 : mark.getLine() + 1,
          mark == null ? 0 : mark.getColumn() + 1,
          "",
          "not valid YAML: " + e.getProblem(),
          "correct the YAML syntax (indentation, ':' after keys, closing brackets and quotes)",
          e);
    } catch (YAMLException | IOException e) {
      throw new PipelineDefinitionException(
          file,
          0,
          0,
          "",
          "cannot be read: " + e.getMessage(),
          "check that the file is readable UTF-8 YAML",
          e);
    }
  }

  private static List<ClassDefinition> classes(YamlMapping root) {
    String fix = "list the classes as '- {id: 0, name: HAM, description: \"...\"}'";
    List<Node> items = root.sequence("classes", true, fix);
    List<ClassDefinition> classes = new ArrayList<>();
    Map<String, Integer> names = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      YamlMapping c = YamlMapping.of(root.file(), "classes[" + i + "]", items.get(i));
      c.rejectUnknownKeys(List.of("id", "name", "description"), List.of());
      int id = c.requiredInt("id", "give each class an id 0, 1, ... in order");
      String name = c.requiredString("name", "give each class a name, e.g. SPAM");
      if (names.putIfAbsent(name.toLowerCase(), id) != null) {
        throw c.error(
            "name",
            "duplicate class name '" + name + "' (names ignore case)",
            "give every class a different name");
      }
      classes.add(new ClassDefinition(id, name, c.optionalString("description", "")));
    }
    if (classes.size() < 2) {
      throw root.error("classes", "needs at least 2 classes, found " + classes.size(), fix);
    }
    classes.sort(Comparator.comparingInt(ClassDefinition::id));
    for (int k = 0; k < classes.size(); k++) {
      if (classes.get(k).id() != k) {
        throw root.error(
            "classes",
            "class ids must be dense 0.."
                + (classes.size() - 1)
                + ", found "
                + classes.stream().map(ClassDefinition::id).toList(),
            "number the classes 0, 1, ... without gaps or repeats");
      }
    }
    return classes;
  }

  private static InputDefinition input(YamlMapping input) {
    input.rejectUnknownKeys(
        List.of("topic", "format", "max_text_chars", "coerce_scalars", "fields"), List.of());
    String topic = topic(input, "topic");
    String formatName = input.requiredString("format", "add 'format: avro' or 'format: json'");
    InputFormat format =
        switch (formatName.toLowerCase()) {
          case "avro" -> InputFormat.AVRO;
          case "json" -> InputFormat.JSON;
          default ->
              throw input.error(
                  "format",
                  "unknown format '" + formatName + "'",
                  "write 'format: avro' or 'format: json'");
        };
    int maxTextChars = input.optionalInt("max_text_chars", InputDefinition.DEFAULT_MAX_TEXT_CHARS);
    if (maxTextChars < 1) {
      throw input.error(
          "max_text_chars",
          "must be at least 1, was " + maxTextChars,
          "use a positive limit such as " + InputDefinition.DEFAULT_MAX_TEXT_CHARS);
    }
    FieldMapping defaults = FieldMapping.defaults();
    FieldMapping fields =
        input
            .mapping("fields")
            .map(
                f -> {
                  f.rejectUnknownKeys(
                      List.of("id", "text", "gold_label", "event_time", "attributes"), List.of());
                  return new FieldMapping(
                      f.requiredStringOr("id", defaults.id()),
                      f.requiredStringOr("text", defaults.text()),
                      f.optionalString("gold_label", defaults.goldLabel()),
                      f.optionalString("event_time", defaults.eventTime()),
                      f.stringList(
                          "attributes", false, "list attribute field names, e.g. [AUTHOR]"));
                })
            .orElse(defaults);
    return new InputDefinition(
        topic, format, fields, maxTextChars, input.optionalBoolean("coerce_scalars", false));
  }

  private static OutputDefinition output(YamlMapping output) {
    output.rejectUnknownKeys(
        List.of("labeled_topic", "dead_letter_topic", "partitions"), List.of());
    int partitions = output.optionalInt("partitions", OutputDefinition.DEFAULT_PARTITIONS);
    if (partitions < 1) {
      throw output.error(
          "partitions",
          "must be at least 1, was " + partitions,
          "use 1 or more (default " + OutputDefinition.DEFAULT_PARTITIONS + ")");
    }
    return new OutputDefinition(
        topic(output, "labeled_topic"), topic(output, "dead_letter_topic"), partitions);
  }

  private static String topic(YamlMapping section, String key) {
    String topic = section.requiredString(key, "add '" + key + ": TOPIC_NAME'");
    if (!TOPIC.matcher(topic).matches()) {
      throw section.error(
          key,
          "'" + topic + "' is not a valid Kafka topic name",
          "use 1-249 characters from letters, digits, '.', '_' and '-'");
    }
    return topic;
  }

  private static LabelingFunctionSet labelingFunctions(
      YamlMapping root, List<ClassDefinition> classes, InputDefinition input) {
    String fix = "list labeling functions as '- {name: ..., kind: ..., label: ...}'";
    List<Node> items = root.sequence("labeling_functions", true, fix);
    if (items.isEmpty()) {
      throw root.error("labeling_functions", "the list is empty", fix);
    }
    DefinitionFingerprint fingerprint = new DefinitionFingerprint(root.value("labeling_functions"));
    LabelingFunctionReader reader = new LabelingFunctionReader(classes, input, fingerprint);
    List<LabelingFunction> functions = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      YamlMapping lf = YamlMapping.of(root.file(), "labeling_functions[" + i + "]", items.get(i));
      LabelingFunction function = reader.read(lf);
      Integer previous = seen.putIfAbsent(function.name(), i);
      if (previous != null) {
        throw lf.error(
            "name",
            "duplicate labeling function name '"
                + function.name()
                + "' (also labeling_functions["
                + previous
                + "])",
            "give every labeling function a unique name");
      }
      functions.add(function);
    }
    return new LabelingFunctionSet(functions, classes.size(), fingerprint.version());
  }
}
