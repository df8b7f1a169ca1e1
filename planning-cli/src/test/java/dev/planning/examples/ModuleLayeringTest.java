package dev.planning.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module layering of SPEC §2: api <- engine <- rules <- cli, and the engine knows no Drools. */
class ModuleLayeringTest {

    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // The engine's test fixtures, a test jar on this module's test class path in the full build.
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.planning");

    @Test
    void apiDependsOnNoImplementation() {
        noClasses().that().resideInAPackage("dev.planning.api..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.planning.engine..", "dev.planning.rules..",
                        "dev.planning.cli..", "com.fasterxml..", "org.drools..", "org.kie..", "picocli..")
                .check(ALL);
    }

    @Test
    void engineDependsNeitherOnRulesNorOnTheCli() {
        noClasses().that().resideInAPackage("dev.planning.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.planning.rules..", "dev.planning.cli..",
                        "org.drools..", "org.kie..", "picocli..")
                .check(ALL);
    }

    @Test
    void rulesDoNotDependOnTheCli() {
        noClasses().that().resideInAPackage("dev.planning.rules..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.planning.cli..", "picocli..")
                .check(ALL);
    }

    @Test
    void reportReadsThroughTheEngineAndNothingBelowDependsOnIt() {
        noClasses().that().resideInAnyPackage("dev.planning.api..", "dev.planning.engine..", "dev.planning.rules..")
                .should().dependOnClassesThat().resideInAPackage("dev.planning.report..")
                .check(ALL);
        noClasses().that().resideInAPackage("dev.planning.report..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.planning.rules..", "dev.planning.cli..",
                        "org.drools..", "org.kie..", "picocli..")
                .check(ALL);
    }
}
