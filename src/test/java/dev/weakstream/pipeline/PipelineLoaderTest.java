package dev.weakstream.pipeline;

import static dev.weakstream.core.LabelingFunction.ABSTAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weakstream.core.LabelingFunctionSet;
import dev.weakstream.core.TextRecord;
import dev.weakstream.labelmodel.Metric;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineLoaderTest {

  private static final int HAM = 0;
  private static final int SPAM = 1;

  @TempDir Path temp;

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(PipelineLoaderTest.class.getResource("/pipelines/" + name).toURI());
  }

  @Test
  void loadsEverySectionWithDefaults() throws Exception {
    Path file = resource("valid.yaml");
    PipelineDefinition definition = PipelineLoader.load(file);

    assertThat(definition.source()).isEqualTo(file);
    assertThat(definition.name()).isEqualTo("test-pipeline");
    assertThat(definition.classes())
        .containsExactly(
            new ClassDefinition(0, "HAM", ""), new ClassDefinition(1, "SPAM", "promotion"));
    assertThat(definition.input())
        .isEqualTo(
            new InputDefinition(
                "comments",
                InputFormat.JSON,
                new FieldMapping("id", "body", null, "event_time", List.of("AUTHOR")),
                InputDefinition.DEFAULT_MAX_TEXT_CHARS));
    assertThat(definition.output())
        .isEqualTo(
            new OutputDefinition(
                "comments-labeled", "comments-dead-letters", OutputDefinition.DEFAULT_PARTITIONS));
    assertThat(definition.labelingFunctions().names())
        .containsExactly(
            "keyword_my",
            "keyword_free_money",
            "regex_check_out",
            "short_comment",
            "tiny_comment",
            "author_bot",
            "author_tv",
            "lexicon_music",
            "caps");
    assertThat(definition.labelingFunctions().numClasses()).isEqualTo(2);
    assertThat(definition.labelingFunctions().version()).matches("[0-9a-f]{12}");
  }

  @Test
  void builtFunctionsVoteAsConfigured() throws Exception {
    LabelingFunctionSet set = PipelineLoader.load(resource("valid.yaml")).labelingFunctions();
    TextRecord record =
        new TextRecord(
            "1",
            "Check out MY CHANNEL for freemoney, a song with a beat",
            Map.of("AUTHOR", "Music TV"));
    // keyword_my, free+money (no boundary, case-sensitive), check out, >3 tokens, >10 chars,
    // not 'bot', author matches .*tv, two lexicon words, caps share below 0.6.
    assertThat(
            set.apply(
                record,
                (i, n, e) -> {
                  throw e;
                }))
        .containsExactly(SPAM, SPAM, SPAM, ABSTAIN, ABSTAIN, ABSTAIN, SPAM, HAM, ABSTAIN);
    TextRecord shout = new TextRecord("2", "FREE STUFF", Map.of("AUTHOR", "bot"));
    assertThat(
            set.apply(
                shout,
                (i, n, e) -> {
                  throw e;
                }))
        .containsExactly(ABSTAIN, ABSTAIN, ABSTAIN, HAM, HAM, SPAM, ABSTAIN, ABSTAIN, SPAM);
  }

  @Test
  void readsTheLabelModelSectionWithDefaultsForWhatItOmits() throws Exception {
    LabelModelDefinition model = PipelineLoader.load(resource("valid.yaml")).labelModel();
    assertThat(model.name()).isEqualTo("ds");
    assertThat(model.refitEveryRecords()).isEqualTo(200);
    assertThat(model.refitInterval()).isEqualTo(LabelModelDefinition.defaults().refitInterval());
    assertThat(model.selectionMetric()).isEqualTo(Metric.ACCURACY);
  }

  @Test
  void aClassPriorIsCheckedAgainstTheClassesAndTheModel() throws Exception {
    Path file = copyOfValid("valid.yaml");
    String valid = Files.readString(file);
    Files.writeString(
        file,
        valid.replace(
            "label_model: {name: ds, refit_every_records: 200}",
            "label_model: {name: ds, class_prior: [0.8, 0.2]}"));
    assertThat(PipelineLoader.load(file).labelModel().classPrior()).containsExactly(0.8, 0.2);

    Files.writeString(
        file,
        valid.replace(
            "label_model: {name: ds, refit_every_records: 200}",
            "label_model: {name: ds, class_prior: [0.8, 0.3]}"));
    assertThat(
            assertThrows(PipelineDefinitionException.class, () -> PipelineLoader.load(file))
                .getMessage())
        .contains("label_model.class_prior")
        .contains("summing to 1");

    Files.writeString(
        file,
        valid.replace(
            "label_model: {name: ds, refit_every_records: 200}",
            "label_model: {name: ds-select, class_prior: [0.5, 0.5]}"));
    assertThat(
            assertThrows(PipelineDefinitionException.class, () -> PipelineLoader.load(file))
                .getMessage())
        .contains("chooses its own prior");
  }

  @Test
  void readsTheStudentSectionAndRejectsBadValues() throws Exception {
    Path file = copyOfValid("valid.yaml");
    String valid = Files.readString(file);
    assertThat(PipelineLoader.load(file).student()).isNull();
    Files.writeString(
        file,
        valid
            + "student:\n  features: hashed\n  hash_bits: 16\n  seed: 7\n  l2: 0.001\n"
            + "  retrain_every_shards: 2\n  retrain_interval_seconds: 0\n  promotion_margin: 0.01\n"
            + "  rollback_agreement: 0.75\n  skip_teacher_confidence: 0.95\n");
    assertThat(PipelineLoader.load(file).student())
        .isEqualTo(
            new StudentDefinition(
                StudentDefinition.Features.HASHED, 16, 7, 0.001, 2, null, 0.01, 0.75, 0.95));

    Files.writeString(file, valid + "student: {hash_bit: 16}\n");
    assertThat(
            assertThrows(PipelineDefinitionException.class, () -> PipelineLoader.load(file))
                .getMessage())
        .contains("student.hash_bit")
        .contains("did you mean 'hash_bits'");
    Files.writeString(file, valid + "student: {features: tfidf}\n");
    assertThat(
            assertThrows(PipelineDefinitionException.class, () -> PipelineLoader.load(file))
                .getMessage())
        .contains("student.features")
        .contains("use hashed or embedding");
    Files.writeString(file, valid + "student: {features: embedding}\n");
    assertThat(
            assertThrows(PipelineDefinitionException.class, () -> PipelineLoader.load(file))
                .getMessage())
        .contains("student.features")
        .contains("carry no teacher embeddings");
    Files.writeString(file, valid + "student: {rollback_agreement: high}\n");
    assertThat(
            assertThrows(PipelineDefinitionException.class, () -> PipelineLoader.load(file))
                .getMessage())
        .contains("student.rollback_agreement")
        .contains("must be a number");
    Files.writeString(file, valid + "student: {hash_bits: 30}\n");
    assertThat(
            assertThrows(PipelineDefinitionException.class, () -> PipelineLoader.load(file))
                .getMessage())
        .contains("student.hash_bits")
        .contains("[4, 24]");
    Files.writeString(
        file, valid + "student: {retrain_every_shards: 0, retrain_interval_seconds: 0}\n");
    assertThat(
            assertThrows(PipelineDefinitionException.class, () -> PipelineLoader.load(file))
                .getMessage())
        .contains("never be retrained");
  }

  @Test
  void acceptsReservedSectionsButRejectsOtherUnknownTopLevelKeys() throws Exception {
    Path file = copyOfValid("valid.yaml");
    Files.writeString(
        file,
        Files.readString(file)
            + "teachers: [{name: minilm, mode: zeroshot, query: always, batch_size: 8}]\nstudent: {}\nshards: {}\n");
    PipelineDefinition loaded = PipelineLoader.load(file);
    assertThat(loaded.name()).isEqualTo("test-pipeline");
    assertThat(loaded.teachers())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.name()).isEqualTo("minilm");
              assertThat(t.query()).isEqualTo(TeacherDefinition.Query.ALWAYS);
              assertThat(t.batchSize()).isEqualTo(8);
            });
    assertThat(loaded.sourceNames()).endsWith("minilm");
    assertThat(PipelineLoader.RESERVED_SECTIONS).isEmpty();
    assertThat(loaded.student()).isEqualTo(StudentDefinition.defaults());
    assertThat(loaded.shards()).isEqualTo(ShardPolicy.defaults());

    Files.writeString(file, Files.readString(file) + "teacher: []\n");
    PipelineDefinitionException e =
        assertThrows(PipelineDefinitionException.class, () -> PipelineLoader.load(file));
    assertThat(e.getMessage()).contains("unknown field 'teacher' — did you mean 'teachers'?");
  }

  @Test
  void aTeacherSeedFileIsResolvedNextToTheYamlAndMustExist() throws Exception {
    Path file = copyOfValid("valid.yaml");
    String valid = Files.readString(file);
    Files.writeString(
        file, valid + "teachers: [{name: minilm, mode: fewshot, seed_file: seeds.csv}]\n");
    assertThat(
            assertThrows(PipelineDefinitionException.class, () -> PipelineLoader.load(file))
                .getMessage())
        .contains("teachers[0].seed_file")
        .contains("file not found")
        .contains("seeds.csv");

    Files.writeString(file.resolveSibling("seeds.csv"), "body,label\nbuy now,SPAM\n");
    assertThat(PipelineLoader.load(file).teachers().get(0).seedFile())
        .isEqualTo(file.toAbsolutePath().resolveSibling("seeds.csv"));

    Files.writeString(
        file, valid + "teachers: [{name: minilm, mode: zeroshot, seed_file: seeds.csv}]\n");
    assertThat(
            assertThrows(PipelineDefinitionException.class, () -> PipelineLoader.load(file))
                .getMessage())
        .contains("only feeds a few-shot head");
  }

  @Test
  void versionIgnoresFormattingButChangesWithAnyFunctionOrLexiconChange() throws Exception {
    Path file = copyOfValid("valid.yaml");
    String original = Files.readString(file);
    String version = PipelineLoader.load(file).labelingFunctions().version();

    Files.writeString(
        file,
        original
            .replace("# A definition", "# Reformatted: a definition")
            .replace("label: HAM\n  - name: caps", "label: \"HAM\"   # quoted\n  - name: caps"));
    assertThat(PipelineLoader.load(file).labelingFunctions().version()).isEqualTo(version);

    Files.writeString(file, original.replace("max: 3", "max: 4"));
    assertThat(PipelineLoader.load(file).labelingFunctions().version()).isNotEqualTo(version);

    Files.writeString(file, original);
    Files.writeString(file.resolveSibling("lexicons/music.txt"), "song\nbeat\nlyrics\n");
    assertThat(PipelineLoader.load(file).labelingFunctions().version()).isNotEqualTo(version);

    Files.writeString(file, original.replace("name: test-pipeline", "name: renamed"));
    Files.copy(
        resource("lexicons/music.txt"),
        file.resolveSibling("lexicons/music.txt"),
        StandardCopyOption.REPLACE_EXISTING);
    assertThat(PipelineLoader.load(file).labelingFunctions().version())
        .as("sections other than labeling_functions do not change the LF version")
        .isEqualTo(version);
  }

  @Test
  void throwingJavaFunctionBecomesAnAbstainReportedToTheFaultListener() throws Exception {
    PipelineDefinition definition = PipelineLoader.load(resource("throwing-plugin.yaml"));
    List<String> faults = new ArrayList<>();

    int[] votes =
        definition
            .labelingFunctions()
            .apply(
                TextRecord.of("1", "please subscribe"),
                (index, name, error) -> faults.add(index + ":" + name + ":" + error.getMessage()));

    assertThat(votes).containsExactly(SPAM, ABSTAIN);
    assertThat(faults).containsExactly("1:exploding:boom label=1 limit=Integer:3");
  }

  @Test
  void missingFileIsReportedWithItsPath() {
    Path missing = temp.resolve("nowhere.yaml");
    PipelineDefinitionException e =
        assertThrows(PipelineDefinitionException.class, () -> PipelineLoader.load(missing));
    assertThat(e.getMessage()).startsWith(missing + ": file not found").contains("Fix: ");
  }

  @Test
  void emptyFileIsReported() throws IOException {
    Path empty = Files.writeString(temp.resolve("empty.yaml"), "# nothing\n");
    PipelineDefinitionException e =
        assertThrows(PipelineDefinitionException.class, () -> PipelineLoader.load(empty));
    assertThat(e.getMessage()).contains("empty.yaml: the file is empty");
  }

  @Test
  void duplicateYamlKeysAreRejected() throws IOException {
    Path file =
        Files.writeString(temp.resolve("dup.yaml"), "name: a\nname: b\n", StandardCharsets.UTF_8);
    PipelineDefinitionException e =
        assertThrows(PipelineDefinitionException.class, () -> PipelineLoader.load(file));
    assertThat(e.getMessage()).contains("dup.yaml:2:1: name: duplicate key 'name'");
  }

  private Path copyOfValid(String name) throws Exception {
    Files.createDirectories(temp.resolve("lexicons"));
    Files.copy(resource("lexicons/music.txt"), temp.resolve("lexicons/music.txt"));
    return Files.copy(resource(name), temp.resolve(name));
  }
}
