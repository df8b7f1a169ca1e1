package dev.planning.maven;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The Maven plugin is a shell over the public API, as the CLI is: it reaches the engine through
 * {@code dev.planning.engine.Planning} and the {@code dev.planning.api} types, the rules through their
 * public test kit, its reports through {@code dev.planning.report.CiReports}, and never an
 * implementation package.
 */
class PluginLayeringTest {

    /** The plugin's main classes (the tests may build fixtures with anything). */
    private static final JavaClasses PLUGIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.planning.maven");

    private static final ArchRule NO_INTERNALS = noClasses().that().resideInAPackage("dev.planning.maven..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.planning.engine.internal..",
                    "dev.planning.rules.internal..", "dev.planning.cli..")
            .because("the Maven plugin is a shell over the public API (README, Embedding the API)");

    @Test
    void pluginUsesNoEngineOrRulesInternals() {
        assertThat(PLUGIN).extracting(c -> c.getSimpleName()).contains("LintMojo", "GateMojo", "VerifyMojo",
                "RulesTestMojo");
        NO_INTERNALS.check(PLUGIN);
    }

    @Test
    void theRuleCatchesAnInternalImport() {
        // The guard itself: a class of the plugin's package that reaches into the engine's internals fails it.
        JavaClasses offending = new ClassFileImporter().importClasses(PluginLayeringTest.class, InternalUser.class);
        assertThatThrownBy(() -> NO_INTERNALS.check(offending))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("InternalUser")
                .hasMessageContaining("dev.planning.engine.internal");
    }

    /** Stands for a goal that reaches past the API. */
    private static final class InternalUser {
        @SuppressWarnings("unused")
        String hash(Path dir) {
            return dev.planning.engine.internal.rulebook.RulebookHasher.hash(dir);
        }
    }
}
