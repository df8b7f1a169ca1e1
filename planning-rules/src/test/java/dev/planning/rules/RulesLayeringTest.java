package dev.planning.rules;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The layering the package documentation of {@code dev.planning.rules} states. */
class RulesLayeringTest {

    private static final JavaClasses RULES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.planning.rules");

    private static final String ENGINE = "dev.planning.engine.internal.";

    /**
     * Every use of an engine internal by this module, exactly: each class of the module that uses
     * the engine, and the engine classes it uses, as named and justified in {@code package-info}.
     * Adding a use, or dropping one, fails the test until the list and the package doc agree.
     */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("dev.planning.rules.impact.RulebookImpact", Set.of("cycle.ArtifactGateContext", "cycle.CycleArtifacts",
                    "cycle.CycleLogs", "cycle.GateEnvironment", "cycle.SealedManifests", "eventlog.FileEventStore",
                    "git.GitRepository", "improve.CarriedOrigins", "report.CommandJson", "report.Markdown",
                    "rulebook.RulebookFiles", "rulebook.RulebookHasher", "rulebook.RulebookLoader", "workspace.DirectoryEntries",
                    "workspace.PlanningFiles", "workspace.SafePaths", "workspace.StoreBackedWorkspace")),
            Map.entry("dev.planning.rules.testkit.CaseReader", Set.of("artifact.DecisionLogReader", "artifact.ReadResult",
                    "artifact.TaskBreakdownReader", "cycle.CycleArtifacts", "document.LocatedDocument",
                    "schema.ArtifactSchema", "schema.SchemaCatalog", "schema.WholeNumbers", "workspace.DirectoryEntries",
                    "workspace.SafePaths")),
            Map.entry("dev.planning.rules.testkit.RuleTestFiles", Set.of("artifact.ErrorList", "document.LocatedDocument", "document.YamlDocuments",
                    "workspace.DirectoryEntries", "workspace.FileNames")),
            Map.entry("dev.planning.rules.testkit.RuleTestReport", Set.of("report.CommandJson", "report.JUnitXml", "report.Markdown")),
            Map.entry("dev.planning.rules.internal.defaults.DefaultRulebook", Set.of("workspace.AtomicFiles")),
            Map.entry("dev.planning.rules.internal.drools.RulebookCompiler",
                    Set.of("rulebook.RulebookHasher", "artifact.LocatedMistakes")),
            Map.entry("dev.planning.rules.internal.drools.PolicyLanguage", Set.of("artifact.LocatedMistakes")),
            Map.entry("dev.planning.rules.internal.drools.CompiledRulebookCache",
                    Set.of("git.OutsideRepository", "workspace.AtomicFiles")),
            Map.entry("dev.planning.rules.internal.drools.CacheEviction",
                    Set.of("git.OutsideRepository", "workspace.AtomicFiles")),
            Map.entry("dev.planning.rules.internal.drools.CacheSecret", Set.of("workspace.AtomicFiles")),
            Map.entry("dev.planning.rules.internal.drools.FactLengths", Set.of("document.ValueLengths")),
            Map.entry("dev.planning.rules.KeptRulebookSettings", Set.of("rulebook.RulebookLoader")),
            Map.entry("dev.planning.rules.KeptDocumentParses", Set.of("document.KeptParses")),
            Map.entry("dev.planning.rules.CompiledRulebooks", Set.of("workspace.OpenedWorkspaces", "workspace.Shown")));

    /**
     * The engine classes the policy engine may use: the rulebook hasher, which reads only the
     * rulebook directory the compiler compiles, and the committed-file check, which reads only the git
     * repository holding the compiled-rulebook cache, and the bound on text values, which reads only
     * the operator's setting, and the compiler's refusal as data, which reads nothing (errors20), and the
     * atomic writer, which writes only the cache's key file (exit25). (The
     * input digests no longer use the engine's mapper factory: {@code CanonicalInputs} writes the
     * canonical JSON itself.)
     */
    private static final String POLICY_ENGINE_MAY_USE = "dev\\.planning\\.engine\\.internal\\."
            + "(rulebook\\.RulebookHasher|git\\.OutsideRepository|document\\.ValueLengths"
            + "|artifact\\.LocatedMistakes|workspace\\.AtomicFiles)(\\$.*)?";

    @Test
    void theGovernanceGatePoliciesAndFactsDoNotUseTheEngine() {
        noClasses().that().resideInAnyPackage("dev.planning.rules.internal.gate..",
                        "dev.planning.rules.internal.drools..", "dev.planning.rules.facts..")
                .should().dependOnClassesThat(resideInAPackage("dev.planning.engine..")
                        .and(not(nameMatching(POLICY_ENGINE_MAY_USE))))
                .because("a gate sees the workspace only through its GateContext (the rulebook hasher reads only"
                        + " the rulebook the compiler compiles; the committed-file check"
                        + " reads only the cache directory's repository)")
                .check(RULES);
    }

    @Test
    void theModuleUsesExactlyTheEngineInternalsItsPackageDocNames() {
        Map<String, Set<String>> actual = new TreeMap<>();
        for (JavaClass type : RULES) {
            type.getDirectDependenciesFromSelf().forEach(dependency -> {
                String target = topLevel(dependency.getTargetClass());
                if (target.startsWith("dev.planning.engine.")) {
                    actual.computeIfAbsent(topLevel(type), k -> new TreeSet<>()).add(
                            target.startsWith(ENGINE) ? target.substring(ENGINE.length()) : target);
                }
            });
        }
        Map<String, Set<String>> expected = new TreeMap<>();
        ALLOWED.forEach((type, uses) -> expected.put(type, new TreeSet<>(uses)));

        assertThat(actual).as("engine internals used, by class of planning-rules (see dev.planning.rules' package-info)")
                .isEqualTo(expected);
    }

    @Test
    void noPublicEntryPointOfTheEngineIsNeeded() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.planning.engine")
                .because("the module sits below the engine's facade: it is what the facade loads")
                .check(RULES);
    }

    private static String topLevel(JavaClass type) {
        return type.getName().replaceAll("\\$.*", "");
    }
}
