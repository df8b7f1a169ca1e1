package dev.planning.rules.internal.gate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.planning.api.gate.Gate;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * The module's built-in gate keeps no state and reads no file: its only instance field is the
 * governance engine factory it is given (an SPI of {@code planning-api}, set once), every other
 * field a constant; the gate package touches no file API. (The engine's gates are held to the same
 * in the engine's {@code BuiltInGatesTest}.)
 */
class GovernanceGateStatelessTest {

    private static final JavaClasses GATES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.planning.rules.internal.gate");

    private static List<Class<?>> rulesGates() {
        return ServiceLoader.load(Gate.class).stream().map(ServiceLoader.Provider::type)
                .filter(type -> type.getName().startsWith("dev.planning.rules."))
                .<Class<?>>map(type -> type).toList();
    }

    @Test
    void theGovernanceGateHoldsConstantsAndItsFactoryOnly() {
        assertThat(rulesGates()).extracting(Class::getSimpleName).containsExactly("GovernanceGate");
        for (Class<?> gate : rulesGates()) {
            for (JavaField field : GATES.get(gate).getFields()) {
                assertThat(field.getModifiers()).as(field.getFullName()).contains(JavaModifier.FINAL);
                boolean constant = field.getModifiers().contains(JavaModifier.STATIC)
                        && (field.getRawType().isPrimitive() || field.getRawType().isEquivalentTo(String.class));
                boolean injectedSpi = field.reflect().getType().isInterface()
                        && field.getRawType().getPackageName().startsWith("dev.planning.api");
                assertThat(constant || injectedSpi).as("%s: a constant, or an SPI of planning-api given to the gate",
                        field.getFullName()).isTrue();
            }
        }
    }

    @Test
    void theGatePackageTouchesNoFileApi() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("java.nio.file.Files")
                .orShould().dependOnClassesThat().resideInAPackage("java.nio.channels..")
                .orShould().dependOnClassesThat().haveNameMatching("java\\.io\\.(File|RandomAccessFile).*")
                .because("a gate sees the workspace only through its GateContext")
                .check(GATES);
    }
}
