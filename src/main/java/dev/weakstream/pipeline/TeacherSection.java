package dev.weakstream.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the {@code teachers:} section of a pipeline definition (one of {@link
 * PipelineLoader#RESERVED_SECTIONS}): {@code teachers: [{name: minilm, mode: zeroshot|fewshot}]}.
 * Errors name the file, line, field and fix. Whether the named manifest exists is checked where the
 * teacher is opened ({@code dev.weakstream.teacher.TeacherManifests}), not here: pipeline definitions
 * do not depend on the teacher runtime. Stateless.
 */
public final class TeacherSection {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]*");
  private static final List<String> FIELDS = List.of("name", "mode");

  private TeacherSection() {}

  /** The teachers a pipeline file declares, in order; empty when it has no {@code teachers:}. */
  public static List<TeacherReference> load(Path yamlFile) {
    YamlMapping root = YamlMapping.of(yamlFile, "", PipelineLoader.compose(yamlFile));
    if (!root.has("teachers")) {
      return List.of();
    }
    String fix = "list teachers as '- {name: minilm, mode: zeroshot}' (mode: zeroshot or fewshot)";
    List<Node> items = root.sequence("teachers", false, fix);
    List<TeacherReference> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      YamlMapping t = YamlMapping.of(yamlFile, "teachers[" + i + "]", items.get(i));
      t.rejectUnknownKeys(FIELDS, List.of());
      String name = t.requiredString("name", "name a manifest in models/, e.g. 'name: minilm'");
      if (!NAME.matcher(name).matches()) {
        throw t.error("name", "'" + name + "' is not a teacher name",
            "use the file name of a manifest in models/ (lower-case letters, digits, '_', '-', '.')");
      }
      String mode = t.optionalString("mode", "zeroshot");
      TeacherReference.Mode parsed;
      try {
        parsed = TeacherReference.Mode.valueOf(mode.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw t.error("mode", "'" + mode + "' is not a teacher mode", "use zeroshot or fewshot");
      }
      if (!seen.add(name + "/" + parsed)) {
        throw t.error("name", "teacher '" + name + "' with mode " + parsed.key() + " is listed twice",
            "list each teacher and mode once");
      }
      out.add(new TeacherReference(name, parsed));
    }
    return List.copyOf(out);
  }
}
