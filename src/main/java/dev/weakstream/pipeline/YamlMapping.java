package dev.weakstream.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML mapping of a definition file, read through SnakeYAML's node API so every value keeps its
 * line and column, with typed accessors that fail with a {@link PipelineDefinitionException} naming
 * the file, the line, the field path and the fix.
 *
 * <p>Not thread-safe; used by one loader call.
 */
final class YamlMapping {

  private final Path file;
  private final String path;
  private final Node node;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

  private YamlMapping(Path file, String path, MappingNode node) {
    this.file = file;
    this.path = path;
    this.node = node;
    for (NodeTuple tuple : node.getValue()) {
      String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : null;
      if (key == null) {
        throw errorAt(tuple.getKeyNode(), path, "keys must be plain words", "write 'key: value'");
      }
      if (entries.put(key, tuple) != null) {
        throw errorAt(
            tuple.getKeyNode(),
            fieldPath(key),
            "duplicate key '" + key + "'",
            "keep one '" + key + ":' in this mapping");
      }
    }
  }

  /** Wraps {@code node}, which must be a mapping ({@code key: value} pairs). */
  static YamlMapping of(Path file, String path, Node node) {
    if (!(node instanceof MappingNode mapping)) {
      throw errorAt(
          file,
          node,
          path,
          "must be a mapping of 'key: value' pairs, found " + describe(node),
          "indent 'key: value' lines under '" + (path.isEmpty() ? "the document" : path) + "'");
    }
    return new YamlMapping(file, path, mapping);
  }

  Path file() {
    return file;
  }

  String path() {
    return path;
  }

  Node node() {
    return node;
  }

  String fieldPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  boolean has(String key) {
    return entries.containsKey(key);
  }

  Set<String> keys() {
    return Collections.unmodifiableSet(entries.keySet());
  }

  /** The value node of {@code key}, or null. */
  Node value(String key) {
    NodeTuple tuple = entries.get(key);
    return tuple == null ? null : tuple.getValueNode();
  }

  /** Fails on the first key that is neither {@code known} nor {@code tolerated}. */
  void rejectUnknownKeys(Collection<String> known, Collection<String> tolerated) {
    for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
      String key = entry.getKey();
      if (!known.contains(key) && !tolerated.contains(key)) {
        List<String> all = new ArrayList<>(known);
        all.addAll(tolerated);
        throw errorAt(
            entry.getValue().getKeyNode(),
            fieldPath(key),
            "unknown field '" + key + "'" + NearestName.hint(key, all),
            "valid fields here: " + String.join(", ", new TreeSet<>(all)));
      }
    }
  }

  String requiredString(String key, String fix) {
    Node value = value(key);
    if (value == null || isNull(value)) {
      throw missing(key, fix);
    }
    String s = scalar(key, value);
    if (s.isBlank()) {
      throw errorAt(value, fieldPath(key), "must not be empty", fix);
    }
    return s;
  }

  /** A non-empty string value, or {@code fallback} when the key is absent. */
  String requiredStringOr(String key, String fallback) {
    return has(key)
        ? requiredString(
            key, "give '" + key + ":' a value or remove it for the default '" + fallback + "'")
        : fallback;
  }

  /** The string value, {@code fallback} when the key is absent, or null when it is YAML null. */
  String optionalString(String key, String fallback) {
    Node value = value(key);
    if (value == null) {
      return fallback;
    }
    return isNull(value) ? null : scalar(key, value);
  }

  int requiredInt(String key, String fix) {
    if (!has(key)) {
      throw missing(key, fix);
    }
    return optionalInt(key, 0);
  }

  int optionalInt(String key, int fallback) {
    Node value = value(key);
    if (value == null) {
      return fallback;
    }
    String s = scalar(key, value);
    try {
      return Integer.parseInt(s.trim().replace("_", ""));
    } catch (NumberFormatException e) {
      throw errorAt(
          value,
          fieldPath(key),
          "must be a whole number, found '" + s + "'",
          "write a number such as 2");
    }
  }

  boolean optionalBoolean(String key, boolean fallback) {
    Node value = value(key);
    if (value == null) {
      return fallback;
    }
    String s = scalar(key, value).trim().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default ->
          throw errorAt(
              value,
              fieldPath(key),
              "must be true or false, found '" + s + "'",
              "write " + key + ": true or " + key + ": false");
    };
  }

  /**
   * The constant of {@code type} that {@code key}'s value spells (ignoring case), or {@code
   * fallback} when the key is absent.
   *
   * @param spelling how the YAML writes each constant, e.g. {@code hashed} for {@code HASHED}
   * @throws PipelineDefinitionException "unknown value 'y'; expected one of a, b, c" (with a "did
   *     you mean" hint) when the value spells none of them
   */
  <E extends Enum<E>> E optionalChoice(
      String key, Class<E> type, Function<E, String> spelling, E fallback, String fix) {
    return has(key) ? choice(key, optionalString(key, null), type, spelling, fix) : fallback;
  }

  /** As {@link #optionalChoice}, for a key that must be present. */
  <E extends Enum<E>> E requiredChoice(
      String key, Class<E> type, Function<E, String> spelling, String fix) {
    return choice(key, requiredString(key, fix), type, spelling, fix);
  }

  private <E extends Enum<E>> E choice(
      String key, String written, Class<E> type, Function<E, String> spelling, String fix) {
    List<String> spellings = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      String spelt = spelling.apply(constant);
      if (written != null && spelt.equalsIgnoreCase(written.trim())) {
        return constant;
      }
      spellings.add(spelt);
    }
    String expected = "expected one of " + String.join(", ", spellings);
    throw error(
        key,
        written == null
            ? "needs a value; " + expected
            : "unknown value '" + written + "'; " + expected + NearestName.hint(written, spellings),
        fix);
  }

  /** A list of non-blank strings; a single scalar is not accepted, to keep lists explicit. */
  List<String> stringList(String key, boolean required, String fix) {
    Node value = value(key);
    if (value == null || isNull(value)) {
      if (required) {
        throw missing(key, fix);
      }
      return List.of();
    }
    List<Node> items = sequence(key, value, fix);
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      String itemPath = fieldPath(key) + "[" + i + "]";
      if (!(item instanceof ScalarNode scalar) || isNull(item) || scalar.getValue().isBlank()) {
        throw errorAt(item, itemPath, "must be a non-empty string, found " + describe(item), fix);
      }
      strings.add(scalar.getValue());
    }
    return strings;
  }

  /** The items of a sequence-valued key. */
  List<Node> sequence(String key, boolean required, String fix) {
    Node value = value(key);
    if (value == null || isNull(value)) {
      if (required) {
        throw missing(key, fix);
      }
      return List.of();
    }
    return sequence(key, value, fix);
  }

  Optional<YamlMapping> mapping(String key) {
    Node value = value(key);
    if (value == null || isNull(value)) {
      return Optional.empty();
    }
    return Optional.of(of(file, fieldPath(key), value));
  }

  YamlMapping requiredMapping(String key, String fix) {
    return mapping(key).orElseThrow(() -> missing(key, fix));
  }

  /** Error about the value of {@code key} (or about this mapping when the key is absent). */
  PipelineDefinitionException error(String key, String problem, String fix) {
    return error(key, problem, fix, null);
  }

  /** As {@link #error(String, String, String)}, keeping the exception that revealed the problem. */
  PipelineDefinitionException error(String key, String problem, String fix, Throwable cause) {
    Node value = value(key);
    return errorAt(file, value == null ? node : value, fieldPath(key), problem, fix, cause);
  }

  PipelineDefinitionException missing(String key, String fix) {
    return errorAt(node, fieldPath(key), "required field '" + key + "' is missing", fix);
  }

  PipelineDefinitionException errorAt(Node at, String field, String problem, String fix) {
    return errorAt(file, at, field, problem, fix);
  }

  static PipelineDefinitionException errorAt(
      Path file, Node at, String field, String problem, String fix) {
    return errorAt(file, at, field, problem, fix, null);
  }

  private static PipelineDefinitionException errorAt(
      Path file, Node at, String field, String problem, String fix, Throwable cause) {
    Mark mark = at == null ? null : at.getStartMark();
    return new PipelineDefinitionException(
        file,
        mark == null ? 0 : mark.getLine() + 1,
        mark == null ? 0 : mark.getColumn() + 1,
        field,
        problem,
        fix,
        cause);
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
  }

  static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    if (isNull(node)) {
      return "nothing (null)";
    }
    return node instanceof ScalarNode scalar
        ? "'" + scalar.getValue() + "'"
        : "a " + node.getNodeId();
  }

  /** Plain Java value of a node: String, Integer/Long, Double, Boolean, null, List or Map. */
  static Object plainValue(Node node) {
    if (node instanceof MappingNode mapping) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        map.put(String.valueOf(plainValue(tuple.getKeyNode())), plainValue(tuple.getValueNode()));
      }
      return Collections.unmodifiableMap(map);
    }
    if (node instanceof SequenceNode sequence) {
      return sequence.getValue().stream().map(YamlMapping::plainValue).toList();
    }
    ScalarNode scalar = (ScalarNode) node;
    String s = scalar.getValue();
    Tag tag = scalar.getTag();
    try {
      if (Tag.NULL.equals(tag)) {
        return null;
      }
      if (Tag.BOOL.equals(tag)) {
        return Set.of("true", "yes", "on").contains(s.toLowerCase(Locale.ROOT));
      }
      if (Tag.INT.equals(tag)) {
        long l = Long.parseLong(s.replace("_", ""));
        if (l == (int) l) {
          return Integer.valueOf((int) l); // not a ?: expression, which would widen it to Long
        }
        return Long.valueOf(l);
      }
      if (Tag.FLOAT.equals(tag)) {
        return Double.parseDouble(s.replace("_", ""));
      }
    } catch (NumberFormatException e) {
      return s;
    }
    return s;
  }

  private String scalar(String key, Node value) {
    if (!(value instanceof ScalarNode scalar)) {
      throw errorAt(
          value,
          fieldPath(key),
          "must be a single value, found " + describe(value),
          "write '" + key + ": VALUE' on one line");
    }
    return scalar.getValue();
  }

  private List<Node> sequence(String key, Node value, String fix) {
    if (!(value instanceof SequenceNode sequence)) {
      throw errorAt(
          value,
          fieldPath(key),
          "must be a list, found " + describe(value),
          "write a list, e.g. '"
              + key
              + ": [a, b]' or '- ' items"
              + (fix.isEmpty() ? "" : "; " + fix));
    }
    return sequence.getValue();
  }
}
