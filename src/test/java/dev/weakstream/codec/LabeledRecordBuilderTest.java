package dev.weakstream.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weakstream.avro.LabeledRecord;
import dev.weakstream.avro.RawRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * The one place a LabeledRecord is built: every part lands in its fields, every field of the schema
 * is set by some part (a field added to LabeledRecord.avsc fails here until a part sets it), and a
 * missing required part is named.
 */
class LabeledRecordBuilderTest {

  private static RawRecord raw() {
    return RawRecord.newBuilder()
        .setId("r-1")
        .setEventTime(Instant.ofEpochMilli(1_000))
        .setSource("youtube")
        .setText("check out my channel")
        .setAttributes(Map.of("author", "ann"))
        .setGoldLabel(1)
        .build();
  }

  private static LabeledRecordBuilder everyPart() {
    return LabeledRecordBuilder.of(raw())
        .votes(new int[] {1, -1, 0}, "lf-7", List.of("moderation-api"))
        .prediction(new double[] {0.25, 0.75}, 1, 0.75, true)
        .combiner("ds", "ds-3")
        .teacher("minilm", "fs-1")
        .teacherEmbedding(new float[] {0.5f, -0.5f})
        .sourcePosition(2, 99L)
        .student("student", "v4", new double[] {0.4, 0.6}, 1)
        .processedAt(Instant.ofEpochMilli(2_000));
  }

  @Test
  void everyPartLandsInItsFields() {
    LabeledRecord r = everyPart().build();
    assertThat(r.getId()).isEqualTo("r-1");
    assertThat(r.getEventTime()).isEqualTo(Instant.ofEpochMilli(1_000));
    assertThat(r.getSource()).isEqualTo("youtube");
    assertThat(r.getText()).isEqualTo("check out my channel");
    assertThat(r.getAttributes()).isEqualTo(Map.of("author", "ann"));
    assertThat(r.getGoldLabel()).isEqualTo(1);
    assertThat(r.getVotes()).containsExactly(1, -1, 0);
    assertThat(r.getLfSetVersion()).isEqualTo("lf-7");
    assertThat(r.getExternalSources()).containsExactly("moderation-api");
    assertThat(r.getProbabilities()).containsExactly(0.25, 0.75);
    assertThat(r.getLabel()).isEqualTo(1);
    assertThat(r.getConfidence()).isEqualTo(0.75);
    assertThat(r.getCovered()).isTrue();
    assertThat(r.getCombinerName()).isEqualTo("ds");
    assertThat(r.getCombinerVersion()).isEqualTo("ds-3");
    assertThat(r.getTeacherName()).isEqualTo("minilm");
    assertThat(r.getTeacherVersion()).isEqualTo("fs-1");
    assertThat(r.getTeacherEmbedding()).containsExactly(0.5f, -0.5f);
    assertThat(r.getSourcePartition()).isEqualTo(2);
    assertThat(r.getSourceOffset()).isEqualTo(99L);
    assertThat(r.getStudentName()).isEqualTo("student");
    assertThat(r.getStudentVersion()).isEqualTo("v4");
    assertThat(r.getStudentProbabilities()).containsExactly(0.4, 0.6);
    assertThat(r.getStudentLabel()).isEqualTo(1);
    assertThat(r.getProcessingTime()).isEqualTo(Instant.ofEpochMilli(2_000));
  }

  @Test
  void everyFieldOfTheSchemaIsSetBySomePart() {
    LabeledRecord r = everyPart().build();
    for (Schema.Field field : LabeledRecord.getClassSchema().getFields()) {
      assertThat(r.get(field.pos()))
          .as(
              "field '%s': set it in LabeledRecordBuilder, from the part it comes from",
              field.name())
          .isNotNull();
    }
  }

  @Test
  void theOptionalPartsMayBeLeftOut() {
    LabeledRecord r =
        LabeledRecordBuilder.of(raw())
            .votes(new int[] {-1}, "lf-7", List.of())
            .prediction(new double[] {0.5, 0.5}, 0, 0.5, false)
            .combiner("mv", "1")
            .processedAt(Instant.ofEpochMilli(2_000))
            .build();
    assertThat(r.getTeacherName()).isNull();
    assertThat(r.getTeacherEmbedding()).isNull();
    assertThat(r.getSourcePartition()).isNull();
    assertThat(r.getStudentProbabilities()).isNull();
    assertThat(r.getStudentLabel()).isNull();
  }

  @Test
  void aMissingRequiredPartIsNamed() {
    LabeledRecordBuilder noCombiner =
        LabeledRecordBuilder.of(raw())
            .votes(new int[] {-1}, "lf-7", List.of())
            .prediction(new double[] {0.5, 0.5}, 0, 0.5, false)
            .processedAt(Instant.ofEpochMilli(2_000));
    assertThatThrownBy(noCombiner::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'combiner_name'");
  }
}
