package dev.weakstream.wrench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weakstream.core.Prediction;
import dev.weakstream.labelmodel.LabelModelFactory;
import dev.weakstream.training.StudentKind;
import dev.weakstream.training.TrainingProgress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A hashed student on the repository copy of youtube, trained on the LF-only label model's labels.
 */
class StudentEvaluationTest {

  private static final WrenchDataset YOUTUBE =
      WrenchDataset.load(Path.of("src/test/resources/wrench/youtube"));

  @Test
  void aHashedStudentOnLfLabelsBeatsTheLabelModelItLearnsFromOnValid() {
    Prediction[] weak = WrenchEvaluation.defaultModelTrainPredictions(YOUTUBE);
    WrenchEvaluation.ModelResult labelModel =
        WrenchEvaluation.evaluate(YOUTUBE, List.of(LabelModelFactory.DEFAULT))
            .results()
            .get(LabelModelFactory.DEFAULT);

    WrenchEvaluation.ModelResult student =
        WrenchStudentEvaluation.evaluate(
            YOUTUBE,
            weak,
            null,
            WrenchStudentEvaluation.defaultConfig(YOUTUBE, StudentKind.HASHED),
            false,
            TrainingProgress.NONE);

    assertThat(student.model()).isEqualTo("student_hashed");
    assertThat(student.validF1()).isNotNull();
    assertThat(student.testF1()).isNotNull();
    // it generalises beyond the LFs' coverage: uncovered rows get a prediction from the text
    assertThat(student.validAccuracy()).isGreaterThan(labelModel.validAccuracy());
    assertThat(student.detail()).contains("uncovered left out");
  }

  @Test
  void anEmbeddingStudentNeedsTheTeachersEmbeddings() {
    Prediction[] weak = WrenchEvaluation.defaultModelTrainPredictions(YOUTUBE);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                WrenchStudentEvaluation.evaluate(
                    YOUTUBE,
                    weak,
                    null,
                    WrenchStudentEvaluation.defaultConfig(YOUTUBE, StudentKind.EMBEDDING),
                    false,
                    TrainingProgress.NONE));
    assertThat(e.getMessage()).contains("--teacher");
  }
}
