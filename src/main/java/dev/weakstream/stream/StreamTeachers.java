package dev.weakstream.stream;

import dev.weakstream.codec.GoldSeedFile;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.pipeline.TeacherDefinition;
import dev.weakstream.pipeline.TeacherReference;
import dev.weakstream.teacher.EmbeddingTeacher;
import dev.weakstream.teacher.FewShotHead;
import dev.weakstream.teacher.OfflineGuard;
import dev.weakstream.teacher.OnnxClassifierTeacher;
import dev.weakstream.teacher.SentenceEncoder;
import dev.weakstream.teacher.TeacherManifest;
import dev.weakstream.teacher.TeacherManifests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a pipeline's teacher for the stream: its manifest ({@code models/NAME.yaml}), refused
 * unless the DJL tokenizer is kept offline; zero-shot over the class descriptions, or few-shot,
 * seeded from the definition's seed file and fitted on gold records as they stream in. Stateless;
 * the caller owns every teacher opened here.
 */
public final class StreamTeachers {

  private static final Logger LOG = LoggerFactory.getLogger(StreamTeachers.class);

  private StreamTeachers() {}

  /** Opens the pipeline's teacher from its manifest, with intra-op threads for the stream. */
  public static StreamTeacher open(PipelineDefinition pipeline, int streamThreads) {
    OfflineGuard.check();
    return open(
        pipeline,
        forStream(TeacherManifests.byName(pipeline.teachers().get(0).name()), streamThreads));
  }

  /**
   * A manifest whose intra-op threads are left automatic gets the cores divided among the stream
   * threads: in the stream, parallelism comes from stream threads each running its own inference,
   * and intra-op threads beyond the cores compete with Kafka's (measured by {@code bench teacher}).
   */
  public static TeacherManifest forStream(TeacherManifest manifest, int streamThreads) {
    if (manifest.intraOpThreads() != 0) {
      return manifest;
    }
    return manifest.withIntraOpThreads(
        Math.max(1, Runtime.getRuntime().availableProcessors() / streamThreads));
  }

  /**
   * Opens the pipeline's teacher from the given manifest. An embedding manifest gets the
   * definition's zero- or few-shot head; a classifier manifest is used as it is (its {@code mode}
   * does not apply).
   */
  public static StreamTeacher open(PipelineDefinition pipeline, TeacherManifest manifest) {
    TeacherDefinition definition = pipeline.teachers().get(0);
    OfflineGuard.check();
    if (manifest.kind() == TeacherManifest.Kind.CLASSIFIER) {
      // A model the user brings, configured by its manifest: its outputs are the soft votes as they
      // are.
      return new StreamTeacher(
          definition,
          OnnxClassifierTeacher.open(manifest, pipeline.numClasses(), 0),
          pipeline.numClasses());
    }
    SentenceEncoder encoder =
        SentenceEncoder.open(manifest, SentenceEncoder.DEFAULT_CACHE_CAPACITY);
    EmbeddingTeacher model =
        definition.mode() == TeacherReference.Mode.ZEROSHOT
            ? EmbeddingTeacher.zeroShot(
                encoder,
                true,
                pipeline.classes().stream()
                    .map(c -> c.description().isBlank() ? c.name() : c.description())
                    .toList())
            : new EmbeddingTeacher(
                manifest.name() + "-fewshot", encoder, true, null, FewShotHead.DEFAULT_SEED);
    StreamTeacher teacher = new StreamTeacher(definition, model, pipeline.numClasses());
    if (definition.seedFile() != null) {
      seed(teacher, pipeline, definition.seedFile());
    }
    return teacher;
  }

  private static void seed(StreamTeacher teacher, PipelineDefinition pipeline, Path file) {
    try {
      List<GoldSeedFile.Seed> seeds = GoldSeedFile.read(file, pipeline);
      if (seeds.stream().map(GoldSeedFile.Seed::label).distinct().count() < 2) {
        throw new IllegalArgumentException(
            "seed file " + file + " needs gold records of at least two classes");
      }
      teacher.seed(
          seeds.stream().map(GoldSeedFile.Seed::text).toList(),
          seeds.stream().mapToInt(GoldSeedFile.Seed::label).toArray());
      LOG.info("few-shot teacher fitted on {} seed records from {}", seeds.size(), file);
    } catch (IOException e) {
      teacher.close();
      throw new UncheckedIOException("cannot read seed file " + file, e);
    } catch (RuntimeException e) {
      teacher.close();
      throw e;
    }
  }
}
