package dev.planning.engine.internal.outcome;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * scope39: {@code internal.cycle} reads the cycle's outcomes through this package, and {@link OutcomeImporter} read the
 * cycle's plan through {@code internal.cycle}'s {@code CycleArtifacts}: a cycle between the two packages. The
 * importer is given the plan's reader by its caller; this package depends on no class of {@code internal.cycle}.
 */
class OutcomePackageLayeringTest {

    @Test
    void theOutcomePackageDependsOnNoClassOfTheCyclePackage() {
        JavaClasses engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.planning.engine.internal.outcome", "dev.planning.engine.internal.cycle");

        noClasses().that().resideInAPackage("dev.planning.engine.internal.outcome..")
                .should().dependOnClassesThat().resideInAPackage("dev.planning.engine.internal.cycle..")
                .check(engine);
    }
}
