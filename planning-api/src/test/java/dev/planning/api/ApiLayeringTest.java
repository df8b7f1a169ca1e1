package dev.planning.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The API is what users compile against: it may use the JDK, itself and the @API stability annotation, nothing else. */
class ApiLayeringTest {

    private static final JavaClasses API = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.planning.api");

    @Test
    void apiDependsOnlyOnTheJdkAndItself() {
        classes().that().resideInAPackage("dev.planning.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.planning.api..", "org.apiguardian.api..")
                .because("planning-api must not expose engine, rules or third-party implementation types")
                .check(API);
    }

    @Test
    void apiHasNoImplementationPackages() {
        classes().that().resideInAPackage("dev.planning.api..")
                .should().resideOutsideOfPackages("..engine..", "..rules..", "..internal..")
                .check(API);
    }
}
