package dev.weakstream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Package boundaries, machine-checked: the weak-supervision core (and its trust layer) is plain
 * Java; pipeline definitions do not know Kafka; the CLI is only a composition root that nothing
 * else depends on.
 */
class ArchitectureTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.weakstream");

  @Test
  void theLabelingCoreImportsOnlyTheJdkAndItself() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.weakstream.core..", "dev.weakstream.labelmodel..", "dev.weakstream.trust..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages(
            "java..",
            "dev.weakstream.core..",
            "dev.weakstream.labelmodel..",
            "dev.weakstream.trust..",
            "com.google.re2j..")
        .because("labeling functions, label models and LF analysis are plain Java (STYLE.md)")
        .check(MAIN);
  }

  @Test
  void theTrustCoreImportsOnlyTheJdk() {
    noClasses()
        .that()
        .resideInAPackage("dev.weakstream.trust..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages("java..", "dev.weakstream.trust..")
        .because(
            "calibrators, conformal sets and label-error flags are plain Java, so the stream, the"
                + " batch evaluation and tests run the same code (STYLE.md)")
        .check(MAIN);
  }

  @Test
  void pipelineDefinitionsDoNotDependOnKafkaOrAvro() {
    noClasses()
        .that()
        .resideInAPackage("dev.weakstream.pipeline..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.kafka..", "org.apache.avro..", "dev.weakstream.stream..")
        .check(MAIN);
  }

  @Test
  void nothingDependsOnTheCli() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.weakstream.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.weakstream.cli..")
        .because("the CLI is only a composition root")
        .check(MAIN);
  }

  @Test
  void kafkaPlumbingSitsBelowEveryPackageThatUsesKafka() {
    noClasses()
        .that()
        .resideInAPackage("dev.weakstream.kafka..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.weakstream.stream..",
            "dev.weakstream.registry..",
            "dev.weakstream.clients..",
            "dev.weakstream.retraining..",
            "dev.weakstream.training..",
            "dev.weakstream.bench..")
        .because(
            "the topic catalogue and the client factory are imported by the stream, the registry and"
                + " the student loop alike")
        .check(MAIN);
  }

  @Test
  void onlyTheStreamPackageUsesKafkaStreams() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "dev.weakstream.stream..", "dev.weakstream.bench..", "dev.weakstream.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.kafka.streams..")
        .because("topology wiring lives in one place")
        .check(MAIN);
  }

  @Test
  void servingDoesNotDependOnTraining() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "dev.weakstream.training..",
            "dev.weakstream.retraining..",
            "dev.weakstream.wrench..",
            "dev.weakstream.cli..",
            "dev.weakstream.bench..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.weakstream.training..")
        .because(
            "serving never imports the trainer; the trainer may import serving code (STYLE.md)")
        .check(MAIN);
    noClasses()
        .that()
        .resideInAPackage("dev.weakstream.student..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.kafka..",
            "dev.weakstream.stream..",
            "dev.weakstream.training..",
            "io.micrometer..")
        .because("the student is plain Java plus ONNX Runtime")
        .check(MAIN);
  }

  @Test
  void teachersDependOnNeitherKafkaNorTheLabelModelNorTheStream() {
    noClasses()
        .that()
        .resideInAPackage("dev.weakstream.teacher..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.kafka..",
            "dev.weakstream.stream..",
            "dev.weakstream.labelmodel..",
            "dev.weakstream.wrench..")
        .because("a teacher is serving code: texts in, probabilities out (STYLE.md)")
        .check(MAIN);
  }

  @Test
  void theModelRegistryUsesPlainKafkaClientsAndNoTrainingCode() {
    noClasses()
        .that()
        .resideInAPackage("dev.weakstream.registry..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.kafka.streams..", "dev.weakstream.stream..", "dev.weakstream.training..")
        .because(
            "every serving instance follows the registry; it must not drag in the stream or the trainer")
        .check(MAIN);
  }

  @Test
  void shardsAreWrittenWithoutKafka() {
    noClasses()
        .that()
        .resideInAPackage("dev.weakstream.shards..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.kafka..",
            "dev.weakstream.stream..",
            "dev.weakstream.clients..",
            "dev.weakstream.teacher..")
        .because(
            "shards are plain Java and Avro files; the Kafka consumer feeding them lives in clients")
        .check(MAIN);
  }

  @Test
  void caseConversionsNameTheirLocale() {
    ArchRule rule =
        noClasses()
            .should()
            .callMethod(String.class, "toLowerCase")
            .orShould()
            .callMethod(String.class, "toUpperCase")
            .because("the default locale changes the result (a Turkish 'I'): pass Locale.ROOT");
    rule.check(MAIN);
    rule.check(
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
            .importPackages("dev.weakstream"));
  }
}
