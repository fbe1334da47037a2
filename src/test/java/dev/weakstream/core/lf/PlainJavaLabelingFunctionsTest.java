package dev.weakstream.core.lf;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The labeling-function kinds stay plain Java: JDK, the core package and RE2/J only. */
class PlainJavaLabelingFunctionsTest {

  @Test
  void labelingFunctionKindsImportOnlyTheJdkTheCoreAndRe2j() {
    JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.weakstream.core.lf");
    noClasses().that().resideInAPackage("dev.weakstream.core.lf..")
        .should().dependOnClassesThat()
        .resideOutsideOfPackages("java..", "dev.weakstream.core..", "com.google.re2j..")
        .check(classes);
  }
}
