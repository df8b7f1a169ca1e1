package dev.planning.engine.internal.gate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateContext;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The engine's built-in gates see the workspace only through their {@link GateContext} and keep no
 * state: every field is a constant, and neither a gate nor the classes of its package touch the
 * file system ({@code java.nio.file}, {@code java.io} files, file channels), call
 * {@link GateContext#workspace()}, or call anything that takes a path (an engine reader given the
 * workspace would read the disk behind the context's back). {@code GateRegistry} and
 * {@code GateCheck} share the gate package but are not gates: they find gates and check the rulebook
 * when the engine is built, and are the only classes exempted.
 */
class BuiltInGatesTest {

    /** Classes of the gate packages that are not gates and may use paths: found at build(), never run as a gate. */
    private static final Set<String> NOT_GATES = Set.of(GateRegistry.class.getName(), GateCheck.class.getName());

    /**
     * The classes the rules below look at, and no others: those of the gate packages and the built-in
     * gates (with their nested classes) wherever they are. Reading the whole engine cost seconds.
     */
    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(BuiltInGatesTest::isGateOrInAGatePackage)
            .importPackages("dev.planning.engine.internal");

    private static boolean isGateOrInAGatePackage(Location location) {
        String uri = location.asURI().toString();
        return uri.contains("/dev/planning/engine/internal/gate/") || builtInGates().stream()
                .map(gate -> "/" + gate.getName().replace('.', '/'))
                .anyMatch(gate -> uri.endsWith(gate + ".class") || uri.contains(gate + "$"));
    }

    private static List<Class<?>> builtInGates() {
        return ServiceLoader.load(Gate.class).stream().map(ServiceLoader.Provider::type)
                .filter(type -> type.getName().startsWith("dev.planning.engine."))
                .<Class<?>>map(type -> type).toList();
    }

    @Test
    void theEngineRegistersItsFourGates() {
        assertThat(builtInGates()).extracting(Class::getSimpleName).containsExactlyInAnyOrder("SchemaLintGate",
                "ParityCoverageGate", "CrossStreamConsistencyGate", "ReleaseReadinessGate");
    }

    @Test
    void aBuiltInGateHoldsNoFieldButConstants() {
        for (Class<?> gate : builtInGates()) {
            for (JavaField field : ENGINE.get(gate).getAllFields()) {
                if (!field.getOwner().getName().startsWith("dev.planning.")) {
                    continue;
                }
                assertThat(field.getModifiers()).as("%s: a gate keeps no state", field.getFullName())
                        .contains(JavaModifier.STATIC, JavaModifier.FINAL);
                assertThat(field.getRawType().isPrimitive() || field.getRawType().isEquivalentTo(String.class))
                        .as("%s: a constant is a String or a primitive", field.getFullName()).isTrue();
            }
        }
    }

    @Test
    void theGatesAndTheirHelpersReadOnlyThroughTheContext() {
        classes().that(new DescribedPredicate<JavaClass>("are built-in gates or in their gate packages") {
                    @Override
                    public boolean test(JavaClass type) {
                        String top = type.getName().replaceAll("\\$.*", "");
                        boolean gatePackage = type.getPackageName().startsWith("dev.planning.engine.internal.gate");
                        boolean gate = builtInGates().stream().anyMatch(g -> g.getName().equals(top));
                        return !NOT_GATES.contains(top) && (gate || gatePackage);
                    }
                })
                .should(readNothingButTheContext())
                .because("a gate sees the workspace only through its GateContext (docs/gates.md)")
                .check(ENGINE);
    }

    private static ArchCondition<JavaClass> readNothingButTheContext() {
        return new ArchCondition<>("touch no file system, path or GateContext.workspace()") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                type.getDirectDependenciesFromSelf().forEach(dependency -> {
                    String target = dependency.getTargetClass().getName();
                    if (forbidden(target)) {
                        events.add(SimpleConditionEvent.violated(type, dependency.getDescription()));
                    }
                });
                for (JavaAccess<?> access : type.getAccessesFromSelf()) {
                    if (access.getTarget().getOwner().isEquivalentTo(GateContext.class)
                            && access.getTarget().getName().equals("workspace")) {
                        events.add(SimpleConditionEvent.violated(type, access.getDescription()));
                    }
                    // A reader of the engine handed a path reads the disk behind the context's back.
                    if (access.getTarget() instanceof AccessTarget.CodeUnitAccessTarget unit
                            && unit.getRawParameterTypes().stream().anyMatch(p -> forbidden(p.getName()))) {
                        events.add(SimpleConditionEvent.violated(type, access.getDescription()));
                    }
                }
            }
        };
    }

    private static boolean forbidden(String type) {
        return type.startsWith("java.nio.file.") || type.startsWith("java.nio.channels.")
                || type.equals("java.io.File") || type.startsWith("java.io.File") || type.equals("java.io.RandomAccessFile");
    }
}
