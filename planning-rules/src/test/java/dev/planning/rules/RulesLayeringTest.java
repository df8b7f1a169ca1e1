package dev.planning.rules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layering the package documentation of {@code dev.planning.rules} states. */
class RulesLayeringTest {

    private static final JavaClasses RULES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.planning.rules");

    @Test
    void theGovernanceGatePoliciesAndFactsDoNotUseTheEngine() {
        noClasses().that().resideInAnyPackage("dev.planning.rules.internal.gate..",
                        "dev.planning.rules.internal.drools..", "dev.planning.rules.facts..")
                .should().dependOnClassesThat().resideInAPackage("dev.planning.engine..")
                .because("a gate sees the workspace only through its GateContext")
                .check(RULES);
    }

    @Test
    void onlyThePackagesNamedInThePackageDocUseTheEngine() {
        noClasses().that().resideOutsideOfPackages("dev.planning.rules.testkit..",
                        "dev.planning.rules.impact..", "dev.planning.rules.internal.defaults..")
                .should().dependOnClassesThat().resideInAPackage("dev.planning.engine..")
                .because("the exceptions are named and justified in dev.planning.rules' package-info")
                .check(RULES);
    }
}
