package dev.weakstream.labelmodel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The label-model core is plain Java, and the fitted model never depends on the fitter. */
class LabelModelArchitectureTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.weakstream.labelmodel");

  @Test
  void importsOnlyTheJdkAndTheCore() {
    classes()
        .that()
        .resideInAPackage("dev.weakstream.labelmodel..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "dev.weakstream.core..", "dev.weakstream.labelmodel..")
        .check(CLASSES);
  }

  @Test
  void servingDoesNotDependOnTraining() {
    noClasses()
        .that()
        .haveSimpleName("DawidSkeneModel")
        .should()
        .dependOnClassesThat()
        .haveSimpleNameStartingWith("DawidSkeneFitter")
        .orShould()
        .dependOnClassesThat()
        .haveSimpleName("VoteStatistics")
        .orShould()
        .dependOnClassesThat()
        .haveSimpleName("HyperparameterSelection")
        .check(CLASSES);
  }
}
