package dev.weakstream.teacher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads and validates teacher manifests ({@code models/NAME.yaml}). A teacher is found by name in
 * the folder {@code models/} of the working directory first, then on the classpath (the jar ships
 * the repository's {@code models/}). Every error names the manifest, the field and the fix.
 *
 * <p>Stateless and thread-safe.
 */
public final class TeacherManifests {

  /** The folder (and classpath prefix) where manifests live. */
  public static final String FOLDER = "models";

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]*");
  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "version",
          "kind",
          "model",
          "tokenizer",
          "inputs",
          "output",
          "pooling",
          "normalize",
          "softmax",
          "num_classes",
          "max_sequence_length",
          "batch_size",
          "device",
          "intra_op_threads",
          "description");
  private static final Set<String> INPUT_FIELDS =
      Set.of("input_ids", "attention_mask", "token_type_ids");

  private TeacherManifests() {}

  /** The manifest of teacher {@code name}: {@code ./models/NAME.yaml}, else the classpath. */
  public static TeacherManifest byName(String name) {
    return byName(name, Path.of(FOLDER));
  }

  /** The manifest of teacher {@code name} in {@code folder}, else on the classpath. */
  public static TeacherManifest byName(String name, Path folder) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "teacher name '" + name + "' must match " + NAME.pattern());
    }
    Path file = folder.resolve(name + ".yaml");
    if (Files.isRegularFile(file)) {
      return load(file);
    }
    String resource = FOLDER + "/" + name + ".yaml";
    try (InputStream in = TeacherManifests.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "unknown teacher '"
                + name
                + "': neither "
                + file
                + " nor classpath:"
                + resource
                + " exists. Fix: add a manifest "
                + file);
      }
      return parse(
          new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + resource, null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read classpath:" + resource, e);
    }
  }

  /** Reads a manifest file; relative model paths resolve against its folder. */
  public static TeacherManifest load(Path file) {
    try {
      return parse(Files.readString(file), file.toString(), file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read teacher manifest " + file, e);
    }
  }

  /** Parses manifest YAML; {@code origin} names it in errors. */
  public static TeacherManifest parse(String yaml, String origin, Path baseDir) {
    Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    if (!(root instanceof Map<?, ?> map)) {
      throw new TeacherManifestException(
          origin,
          "(root)",
          "is not a YAML mapping",
          "write 'name: ...', 'model: ...' and the other fields as a mapping");
    }
    for (Object key : map.keySet()) {
      if (!FIELDS.contains(String.valueOf(key))) {
        throw new TeacherManifestException(
            origin, String.valueOf(key), "unknown field", "use one of " + new TreeSet<>(FIELDS));
      }
    }
    Fields f = new Fields(origin, map);
    String name = f.string("name", null);
    if (!NAME.matcher(name).matches()) {
      throw new TeacherManifestException(
          origin,
          "name",
          "'" + name + "' is not a valid name",
          "use lower-case letters, digits, '_', '-', '.'");
    }
    TeacherManifest.Kind kind =
        f.enumValue("kind", TeacherManifest.Kind.class, TeacherManifest.Kind.EMBEDDING);
    ModelSource model = f.source("model", baseDir);
    ModelSource tokenizer = f.source("tokenizer", baseDir);
    Object inputsValue = map.get("inputs");
    Map<?, ?> inputs =
        inputsValue == null ? Map.of() : inputsValue instanceof Map<?, ?> m ? m : null;
    if (inputs == null) {
      throw new TeacherManifestException(
          origin,
          "inputs",
          "is not a mapping",
          "write inputs: {input_ids: NAME, attention_mask: NAME, token_type_ids: NAME}");
    }
    for (Object key : inputs.keySet()) {
      if (!INPUT_FIELDS.contains(String.valueOf(key))) {
        throw new TeacherManifestException(
            origin,
            "inputs." + key,
            "unknown input role",
            "use input_ids, attention_mask and (optionally) token_type_ids");
      }
    }
    String ids =
        inputs.containsKey("input_ids") ? String.valueOf(inputs.get("input_ids")) : "input_ids";
    String mask =
        inputs.containsKey("attention_mask")
            ? String.valueOf(inputs.get("attention_mask"))
            : "attention_mask";
    String types =
        inputs.containsKey("token_type_ids") && inputs.get("token_type_ids") != null
            ? String.valueOf(inputs.get("token_type_ids"))
            : null;
    String output =
        f.string("output", kind == TeacherManifest.Kind.EMBEDDING ? "last_hidden_state" : "logits");
    TeacherManifest.Pooling pooling =
        f.enumValue("pooling", TeacherManifest.Pooling.class, TeacherManifest.Pooling.MEAN);
    int maxLength = f.integer("max_sequence_length", 128, 2, 8192);
    int batchSize = f.integer("batch_size", 32, 1, 4096);
    int threads = f.integer("intra_op_threads", 0, 0, 1024);
    int numClasses = f.integer("num_classes", 0, 0, 100_000);
    if (numClasses == 1) {
      throw new TeacherManifestException(
          origin,
          "num_classes",
          "must be 0 (from the model) or >= 2",
          "declare the number of classes the model's output has");
    }
    return new TeacherManifest(
        origin,
        name,
        f.string("version", "1"),
        kind,
        model,
        tokenizer,
        ids,
        mask,
        types,
        output,
        pooling,
        f.bool("normalize", true),
        f.bool("softmax", true),
        numClasses,
        maxLength,
        batchSize,
        f.enumValue("device", Device.class, Device.CPU),
        threads);
  }

  /** Typed access to the manifest's fields, with errors that name the field. */
  private record Fields(String origin, Map<?, ?> map) {

    String string(String field, String fallback) {
      Object v = map.get(field);
      if (v == null) {
        if (fallback == null) {
          throw new TeacherManifestException(
              origin, field, "is missing", "add '" + field + ": ...'");
        }
        return fallback;
      }
      return String.valueOf(v);
    }

    ModelSource source(String field, Path baseDir) {
      ModelSource source = ModelSource.parse(string(field, null), baseDir);
      if (!source.exists()) {
        throw new TeacherManifestException(
            origin,
            field,
            "'" + source.spec() + "' does not exist",
            "point it to an existing file (relative to the manifest) or to classpath:RESOURCE");
      }
      return source;
    }

    int integer(String field, int fallback, int min, int max) {
      Object v = map.get(field);
      if (v == null) {
        return fallback;
      }
      if (!(v instanceof Integer i) || i < min || i > max) {
        throw new TeacherManifestException(
            origin,
            field,
            "'" + v + "' is not an integer in [" + min + ", " + max + "]",
            "write an integer in that range");
      }
      return i;
    }

    boolean bool(String field, boolean fallback) {
      Object v = map.get(field);
      if (v == null) {
        return fallback;
      }
      if (!(v instanceof Boolean b)) {
        throw new TeacherManifestException(
            origin, field, "'" + v + "' is not a boolean", "write true or false");
      }
      return b;
    }

    <E extends Enum<E>> E enumValue(String field, Class<E> type, E fallback) {
      Object v = map.get(field);
      if (v == null) {
        return fallback;
      }
      try {
        return Enum.valueOf(type, String.valueOf(v).toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        StringBuilder known = new StringBuilder();
        for (E c : type.getEnumConstants()) {
          known.append(known.length() == 0 ? "" : ", ").append(c.name().toLowerCase(Locale.ROOT));
        }
        throw new TeacherManifestException(
            origin, field, "'" + v + "' is not known", "use one of " + known);
      }
    }
  }
}
