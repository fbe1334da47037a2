package dev.weakstream.wrench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weakstream.core.Prediction;
import dev.weakstream.student.LinearStudent;
import dev.weakstream.training.StudentKind;
import dev.weakstream.training.TrainingProgress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Trust measurements on the repository copy of youtube: calibration and sets fitted on valid,
 * scored on test; flags on train from the cross-fitted hashed student.
 */
class TrustEvaluationTest {

  private static final WrenchDataset YOUTUBE =
      WrenchDataset.load(Path.of("src/test/resources/wrench/youtube"));

  @Test
  void theDefaultLabelModelGetsCalibratedCoveringSetsAndPreciseFlags() {
    WrenchTrust.Measured measured =
        WrenchTrust.ofLabelModel(
            YOUTUBE,
            WrenchEvaluation.defaultModelPredictions(YOUTUBE),
            TrustEvaluation.Settings.defaults());
    TrustEvaluation.Trust trust = measured.trust();
    assertThat(trust.eceCalibrated()).isLessThan(trust.eceRaw());
    assertThat(trust.eceCalibrated()).isLessThan(0.1);
    assertThat(trust.coverage()).isBetween(0.85, 0.97);
    assertThat(trust.meanSetSize()).isBetween(1.0, 1.5);
    assertThat(trust.alpha()).isEqualTo(0.1);
    assertThat(trust.flagged()).isPositive();
    assertThat(trust.flagPrecision()).isGreaterThan(0.5);
    assertThat(trust.flagRecall()).isGreaterThan(0.2);
    int covered = 0;
    for (WrenchDataset.Row row : YOUTUBE.train().rows()) {
      covered += TrustEvaluation.lfCovered(row) ? 1 : 0;
    }
    assertThat(trust.flagged()).isLessThan(covered / 5);
  }

  @Test
  void theFullCrossFittingModelIsTheStudentThatWouldBeEvaluated() {
    Prediction[] weak = WrenchEvaluation.defaultModelTrainPredictions(YOUTUBE);
    WrenchTrust.Measured measured =
        WrenchTrust.ofStudent(
            YOUTUBE,
            weak,
            null,
            WrenchStudentEvaluation.defaultConfig(YOUTUBE, StudentKind.HASHED),
            false,
            TrustEvaluation.Settings.defaults());
    WrenchEvaluation.ModelResult evaluated =
        WrenchStudentEvaluation.evaluate(
            YOUTUBE,
            weak,
            null,
            WrenchStudentEvaluation.defaultConfig(YOUTUBE, StudentKind.HASHED),
            false,
            TrainingProgress.NONE);
    LinearStudent full = measured.crossFitting().full();
    assertThat(full.provenance().get("trainer.config")).isEqualTo(evaluated.version());
    assertThat(full.provenance().get("gold.accuracy"))
        .isEqualTo(Double.toString(evaluated.validAccuracy()));
    assertThat(measured.trust().coverage()).isNotNull();
    assertThat(measured.crossFitting().outOfFold().length)
        .isLessThanOrEqualTo(YOUTUBE.train().size());
  }

  @Test
  void tooLittleValidGoldMeansNoCoverageRatherThanAFakeOne() {
    WrenchDataset tiny =
        new WrenchDataset(
            YOUTUBE.name(),
            YOUTUBE.classNames(),
            YOUTUBE.numSources(),
            YOUTUBE.train(),
            new WrenchDataset.Split("valid", YOUTUBE.valid().rows().subList(0, 15)),
            YOUTUBE.test(),
            YOUTUBE.labeledIds());
    WrenchEvaluation.SplitPredictions all = WrenchEvaluation.defaultModelPredictions(YOUTUBE);
    Prediction[] valid = java.util.Arrays.copyOf(all.valid(), 15);
    double[][] noFlags = new double[tiny.train().size()][];
    TrustEvaluation.Trust trust =
        TrustEvaluation.evaluate(
            tiny, valid, all.test(), all.train(), noFlags, TrustEvaluation.Settings.defaults());
    assertThat(trust.coverage()).isNull();
    assertThat(trust.meanSetSize()).isNull();
    assertThat(trust.flagged()).isZero();
    assertThat(trust.flagPrecision()).isNull();
  }
}
