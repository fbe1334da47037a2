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
import java.util.Locale;
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

  /** Keys of the {@code input:} section. */
  static final List<String> INPUT_KEYS =
      List.of("topic", "format", "max_text_chars", "coerce_scalars", "fields");

  /** Keys of {@code input.fields}. */
  static final List<String> FIELD_KEYS =
      List.of("id", "text", "gold_label", "event_time", "attributes");

  /** Keys of the {@code output:} section. */
  static final List<String> OUTPUT_KEYS =
      List.of("labeled_topic", "dead_letter_topic", "partitions");

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
            .map(section -> LabelModelSectionReader.read(section, classes.size()))
            .orElse(LabelModelDefinition.defaults());
    List<TeacherDefinition> teachers = new ArrayList<>();
    for (Node node :
        root.sequence("teachers", false, "list teachers, e.g. [{name: minilm, mode: fewshot}]")) {
      YamlMapping t = YamlMapping.of(yamlFile, "teachers[" + teachers.size() + "]", node);
      teachers.add(TeacherSectionReader.read(t));
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
            ? ShardSectionReader.read(
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
      if (names.putIfAbsent(name.toLowerCase(Locale.ROOT), id) != null) {
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
    input.rejectUnknownKeys(INPUT_KEYS, List.of());
    String topic = topic(input, "topic");
    InputFormat format =
        input.requiredChoice(
            "format",
            InputFormat.class,
            InputFormat::key,
            "write 'format: avro' or 'format: json'");
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
                  f.rejectUnknownKeys(FIELD_KEYS, List.of());
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
        topic,
        format,
        fields,
        maxTextChars,
        input.optionalBoolean("coerce_scalars", InputDefinition.DEFAULT_COERCE_SCALARS));
  }

  private static OutputDefinition output(YamlMapping output) {
    output.rejectUnknownKeys(OUTPUT_KEYS, List.of());
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
