package dev.weakstream.student;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an exported student says about itself in its ONNX {@code metadata_props}: registry name and
 * version, kind, class names, the featurizer settings serving must reproduce, the embedding width,
 * and its provenance (trainer config, seed, shard ids, label model and teacher versions, metrics,
 * code version; each under {@code provenance.<key>}). The exporter writes these properties and
 * {@link OnnxStudent} reads them back, so both sides share the key names defined here.
 *
 * @param hashing the featurizer settings, or null for a student without a sparse part
 * @param embeddingDim width of the {@code embedding} input, or 0
 */
public record StudentMetadata(
    String name,
    String version,
    String kind,
    List<String> classNames,
    HashingConfig hashing,
    int embeddingDim,
    Map<String, String> provenance) {

  public static final String NAME = "student.name";
  public static final String VERSION = "student.version";
  public static final String KIND = "student.kind";
  public static final String CLASS_NAMES = "student.class_names";
  public static final String HASHING = "student.hashing";
  public static final String EMBEDDING_DIM = "student.embedding_dim";
  public static final String PROVENANCE_PREFIX = "provenance.";

  private static final ObjectMapper JSON = new ObjectMapper();

  public StudentMetadata {
    classNames = List.copyOf(classNames);
    provenance = Map.copyOf(provenance);
  }

  /** The metadata of {@code model} published as {@code name}/{@code version}. */
  public static StudentMetadata of(LinearStudent model, String name, String version) {
    return new StudentMetadata(
        name,
        version,
        model.kind(),
        model.classNames(),
        model.hashing(),
        model.embeddingDim(),
        model.provenance());
  }

  /** As ONNX {@code metadata_props} entries, in a stable order. */
  public Map<String, String> toProperties() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put(NAME, name);
    props.put(VERSION, version);
    props.put(KIND, kind);
    props.put(CLASS_NAMES, json(classNames));
    if (hashing != null) {
      props.put(HASHING, hashingJson(hashing));
    }
    props.put(EMBEDDING_DIM, String.valueOf(embeddingDim));
    provenance.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> props.put(PROVENANCE_PREFIX + e.getKey(), e.getValue()));
    return props;
  }

  /**
   * Reads the properties an exporter wrote.
   *
   * @throws IllegalArgumentException naming the missing or malformed key
   */
  public static StudentMetadata fromProperties(Map<String, String> props) {
    String classJson = required(props, CLASS_NAMES);
    List<String> classes = new ArrayList<>();
    try {
      JsonNode node = JSON.readTree(classJson);
      if (!node.isArray()) {
        throw new IllegalArgumentException(
            "metadata " + CLASS_NAMES + " is not a JSON array: " + classJson);
      }
      node.forEach(n -> classes.add(n.asText()));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "metadata " + CLASS_NAMES + " is not JSON: " + classJson, e);
    }
    int embeddingDim;
    try {
      embeddingDim = Integer.parseInt(required(props, EMBEDDING_DIM));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "metadata " + EMBEDDING_DIM + " is not a number: " + props.get(EMBEDDING_DIM));
    }
    Map<String, String> provenance = new LinkedHashMap<>();
    props.forEach(
        (k, v) -> {
          if (k.startsWith(PROVENANCE_PREFIX)) {
            provenance.put(k.substring(PROVENANCE_PREFIX.length()), v);
          }
        });
    HashingConfig hashing = props.containsKey(HASHING) ? parseHashing(props.get(HASHING)) : null;
    return new StudentMetadata(
        required(props, NAME),
        required(props, VERSION),
        required(props, KIND),
        classes,
        hashing,
        embeddingDim,
        provenance);
  }

  /** {@code {"bits":18,"min_word_ngram":1,...}}: the featurizer settings as one JSON object. */
  public static String hashingJson(HashingConfig h) {
    Map<String, Integer> fields = new LinkedHashMap<>();
    fields.put("bits", h.bits());
    fields.put("min_word_ngram", h.minWordNgram());
    fields.put("max_word_ngram", h.maxWordNgram());
    fields.put("min_char_ngram", h.minCharNgram());
    fields.put("max_char_ngram", h.maxCharNgram());
    return json(fields);
  }

  public static HashingConfig parseHashing(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      return new HashingConfig(
          intField(node, "bits", json),
          intField(node, "min_word_ngram", json),
          intField(node, "max_word_ngram", json),
          intField(node, "min_char_ngram", json),
          intField(node, "max_char_ngram", json));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("metadata " + HASHING + " is not JSON: " + json, e);
    }
  }

  private static int intField(JsonNode node, String field, String json) {
    JsonNode value = node == null ? null : node.get(field);
    if (value == null || !value.canConvertToInt()) {
      throw new IllegalArgumentException(
          "metadata " + HASHING + " lacks integer field '" + field + "': " + json);
    }
    return value.intValue();
  }

  private static String required(Map<String, String> props, String key) {
    String value = props.get(key);
    if (value == null) {
      throw new IllegalArgumentException(
          "metadata_props lack '" + key + "' (not a Weakstream student export?)");
    }
    return value;
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
