package dev.weakstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The defaults tables of {@code topology/README.md} say what the loader does: a definition with
 * every optional section present and empty ({@code pipelines/defaults.yaml}) loads into the
 * definition records' {@code defaults()}, and each README table with a {@code default} column lists
 * exactly the section's keys with those values. So the documentation cannot drift from the code.
 *
 * <p>README conventions: a default is written in backticks; {@code (required)} or an empty cell
 * means there is none (the key is required), {@code none} means absent (null or an empty list).
 */
class PipelineDefaultsDocumentedTest {

  private static final Path README = Path.of("topology/README.md");
  private static final String REQUIRED = "(required)";
  private static final String NONE = "none";

  private static PipelineDefinition loaded;

  @BeforeAll
  static void load() throws URISyntaxException {
    loaded =
        PipelineLoader.load(
            Path.of(
                PipelineDefaultsDocumentedTest.class
                    .getResource("/pipelines/defaults.yaml")
                    .toURI()));
  }

  @Test
  void absentKeysTakeTheDefinitionRecordsDefaults() {
    assertThat(loaded.input().maxTextChars()).isEqualTo(InputDefinition.DEFAULT_MAX_TEXT_CHARS);
    assertThat(loaded.input().fields()).isEqualTo(FieldMapping.defaults());
    assertThat(loaded.output().partitions()).isEqualTo(OutputDefinition.DEFAULT_PARTITIONS);
    assertThat(loaded.labelModel()).isEqualTo(LabelModelDefinition.defaults());
    assertThat(loaded.teachers())
        .containsExactly(TeacherDefinition.defaults("minilm", TeacherDefinition.DEFAULT_MODE));
    assertThat(loaded.student()).isEqualTo(StudentDefinition.defaults());
    assertThat(loaded.shards()).isEqualTo(ShardPolicy.defaults());
  }

  @Test
  void theReadmeTablesListEveryKeyOfEachSection() {
    Map<String, Map<String, String>> expected = defaultsAsDocumented(loaded);
    List<String> inputKeys = new ArrayList<>(PipelineLoader.INPUT_KEYS);
    inputKeys.remove("fields");
    PipelineLoader.FIELD_KEYS.forEach(k -> inputKeys.add("fields." + k));

    assertThat(expected.get("input")).containsOnlyKeys(inputKeys);
    assertThat(expected.get("output")).containsOnlyKeys(PipelineLoader.OUTPUT_KEYS);
    assertThat(expected.get("label_model")).containsOnlyKeys(LabelModelSectionReader.KEYS);
    assertThat(expected.get("teachers")).containsOnlyKeys(TeacherSectionReader.KEYS);
    assertThat(expected.get("student")).containsOnlyKeys(StudentSectionReader.KEYS);
    assertThat(expected.get("shards")).containsOnlyKeys(ShardSectionReader.KEYS);
  }

  @Test
  void theReadmeDefaultsAreTheLoadersDefaults() throws Exception {
    String readme = Files.readString(README);

    assertThat(differences(readme, defaultsAsDocumented(loaded))).isEmpty();
  }

  @Test
  void aChangedDefaultInTheReadmeIsCaught() throws Exception {
    String readme = Files.readString(README);
    String drifted = readme.replace("| `hash_bits` | `18` |", "| `hash_bits` | `17` |");
    String missingRow = readme.replace("| `retain_age_seconds` | `0` |", "| `retain_age` | `0` |");

    assertThat(drifted).isNotEqualTo(readme);
    assertThat(differences(drifted, defaultsAsDocumented(loaded)))
        .containsExactly("student.hash_bits: README says '17', the code '18'");
    assertThat(differences(missingRow, defaultsAsDocumented(loaded)))
        .contains("shards.retain_age: in the README but not a key of the section")
        .contains("shards.retain_age_seconds: not in the README table (default '0')");
  }

  /** Each section's keys and their defaults, spelt as the README writes them. */
  private static Map<String, Map<String, String>> defaultsAsDocumented(PipelineDefinition p) {
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    FieldMapping fields = p.input().fields();
    sections.put(
        "input",
        entries(
            "topic", REQUIRED,
            "format", REQUIRED,
            "max_text_chars", number(p.input().maxTextChars()),
            "coerce_scalars", String.valueOf(p.input().coerceScalars()),
            "fields.id", fields.id(),
            "fields.text", fields.text(),
            "fields.gold_label", orNone(fields.goldLabel()),
            "fields.event_time", orNone(fields.eventTime()),
            "fields.attributes", fields.attributes().isEmpty() ? NONE : fields.attributes()));
    sections.put(
        "output",
        entries(
            "labeled_topic", REQUIRED,
            "dead_letter_topic", REQUIRED,
            "partitions", number(p.output().partitions())));
    LabelModelDefinition m = p.labelModel();
    sections.put(
        "label_model",
        entries(
            "name", m.name(),
            "refit_every_records", number(m.refitEveryRecords()),
            "refit_interval_seconds", seconds(m.refitInterval()),
            "half_life_records", number(m.halfLifeRecords()),
            "capacity", number(m.capacity()),
            "selection_metric", m.selectionMetric().key(),
            "snapshot_every_records", number(m.snapshotEveryRecords()),
            "class_prior", orNone(m.classPrior())));
    TeacherDefinition t = p.teachers().get(0);
    sections.put(
        "teachers",
        entries(
            "name", REQUIRED,
            "mode", t.mode().key(),
            "query", t.query().name().toLowerCase(Locale.ROOT),
            "confidence_below", number(t.confidenceBelow() * 100),
            "batch_size", number(t.batchSize()),
            "max_wait_ms", number(t.maxWait().toMillis()),
            "max_calls_per_second", number(t.maxCallsPerSecond()),
            "cache_size", number(t.cacheSize()),
            "min_gold", number(t.minGold()),
            "seed_file", orNone(t.seedFile())));
    StudentDefinition s = p.student();
    sections.put(
        "student",
        entries(
            "features", s.features().key(),
            "hash_bits", number(s.hashBits()),
            "seed", number(s.seed()),
            "l2", number(s.l2()),
            "retrain_every_shards", number(s.retrainEveryShards()),
            "retrain_interval_seconds", seconds(s.retrainInterval()),
            "promotion_margin", number(s.promotionMargin()),
            "rollback_agreement", number(s.rollbackAgreement()),
            "skip_teacher_confidence", number(s.skipTeacherConfidence())));
    ShardPolicy shards = p.shards();
    sections.put(
        "shards",
        entries(
            "min_confidence", number(shards.minConfidence()),
            "drop_uncovered", String.valueOf(shards.dropUncovered()),
            "per_class_cap", number(shards.perClassCap()),
            "seal_records", number(shards.sealRecords()),
            "seal_age_seconds", seconds(shards.sealAge()),
            "retain_shards", number(shards.retainShards()),
            "retain_age_seconds", seconds(shards.retainAge())));
    return sections;
  }

  /**
   * What differs between the README's defaults tables and {@code expected}, one line each: a value
   * that differs, a key the README lacks, a key the README has that the section does not.
   */
  static List<String> differences(String readme, Map<String, Map<String, String>> expected) {
    Map<String, Map<String, String>> documented = defaultsTables(readme);
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> section : expected.entrySet()) {
      Map<String, String> table = documented.get(section.getKey());
      if (table == null) {
        out.add(section.getKey() + ": no table with a 'default' column under its heading");
        continue;
      }
      for (Map.Entry<String, String> key : section.getValue().entrySet()) {
        String field = section.getKey() + "." + key.getKey();
        String doc = table.get(key.getKey());
        if (doc == null) {
          out.add(field + ": not in the README table (default '" + key.getValue() + "')");
        } else if (!doc.equals(key.getValue())) {
          out.add(field + ": README says '" + doc + "', the code '" + key.getValue() + "'");
        }
      }
      for (String key : new TreeSet<>(table.keySet())) {
        if (!section.getValue().containsKey(key)) {
          out.add(section.getKey() + "." + key + ": in the README but not a key of the section");
        }
      }
    }
    return out;
  }

  /**
   * Per {@code ## `section`} heading, the key and default cells of its table with a {@code default}
   * column.
   */
  private static Map<String, Map<String, String>> defaultsTables(String readme) {
    Map<String, Map<String, String>> tables = new LinkedHashMap<>();
    String section = null;
    List<String> lines = readme.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("## ")) {
        String heading = line.substring(3).trim();
        section = heading.startsWith("`") ? heading.replace("`", "") : null;
        continue;
      }
      if (section == null || !line.startsWith("|") || i + 1 >= lines.size()) {
        continue;
      }
      if (!lines.get(i + 1).startsWith("|---")) {
        continue;
      }
      List<String> header = cells(line);
      int key = header.indexOf("key");
      int value = header.indexOf("default");
      i += 2;
      Map<String, String> rows = new LinkedHashMap<>();
      for (; i < lines.size() && lines.get(i).startsWith("|"); i++) {
        List<String> row = cells(lines.get(i));
        if (key >= 0 && value >= 0) {
          String cell = row.get(value).replace("`", "");
          rows.put(row.get(key).replace("`", ""), cell.isEmpty() ? REQUIRED : cell);
        }
      }
      if (key >= 0 && value >= 0) {
        tables.put(section, rows);
      }
    }
    return tables;
  }

  /** The cells of a table row, split on {@code |} not escaped as {@code \|}. */
  private static List<String> cells(String row) {
    String[] parts = row.trim().split("(?<!\\\\)\\|", -1);
    List<String> out = new ArrayList<>();
    for (int i = 1; i < parts.length - 1; i++) {
      out.add(parts[i].trim());
    }
    return out;
  }

  private static Map<String, String> entries(Object... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], String.valueOf(keysAndValues[i + 1]));
    }
    return map;
  }

  private static String number(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  private static String seconds(Duration d) {
    return d == null ? "0" : number(d.toSeconds());
  }

  private static Object orNone(Object value) {
    return value == null ? NONE : value;
  }
}
