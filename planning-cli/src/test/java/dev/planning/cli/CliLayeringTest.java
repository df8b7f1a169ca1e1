package dev.planning.cli;

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
 * The CLI is a thin shell over the public API: it reaches the engine through
 * {@code dev.planning.engine.Planning} and the {@code dev.planning.api} types, the rules through
 * their public test kit and impact preview, and never an implementation package.
 */
class CliLayeringTest {

    /** The CLI's main classes (the tests may build fixtures with anything). */
    private static final JavaClasses CLI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.planning.cli");

    private static final ArchRule NO_INTERNALS = noClasses().that().resideInAPackage("dev.planning.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.planning.engine.internal..",
                    "dev.planning.rules.internal..")
            .because("the CLI is a shell over the public API (README, Embedding the API)");

    @Test
    void cliUsesNoEngineOrRulesInternals() {
        assertThat(CLI).isNotEmpty();
        NO_INTERNALS.check(CLI);
    }

    @Test
    void theRuleCatchesAnInternalImport() {
        // The guard itself: a class of the CLI's package that reaches into the engine's internals fails it.
        JavaClasses offending = new ClassFileImporter().importClasses(CliLayeringTest.class, InternalUser.class);
        assertThatThrownBy(() -> NO_INTERNALS.check(offending))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("InternalUser")
                .hasMessageContaining("dev.planning.engine.internal");
    }

    /** Stands for a command that reaches past the API. */
    private static final class InternalUser {
        @SuppressWarnings("unused")
        String hash(Path dir) {
            return dev.planning.engine.internal.rulebook.RulebookHasher.hash(dir);
        }
    }
}
