package dev.planning.rules.internal.gate;

import static dev.planning.rules.Inputs.goodTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.PlanningException;
import dev.planning.api.artifact.Contract;
import dev.planning.api.artifact.StoryMap;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.governance.Waiver;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.Transition;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.store.WorkspaceFiles;
import dev.planning.rules.Inputs;
import dev.planning.rules.TestRulebooks;
import dev.planning.rules.internal.drools.DroolsGovernanceEngineFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The governance gate compiles the rule files its context serves ({@code GateContext.rulebookFile}),
 * never the rulebook directory: an embedder's context that holds its rulebook in memory decides the
 * rules judged by, and a rule file it does not serve fails the gate rather than being left out.
 */
class GovernanceGateRulebookThroughContextTest {

    @TempDir
    Path workspace;

    @TempDir
    Path elsewhere;

    /** A plan with a task that has no owner: a critical violation under the default rulebook. */
    private static final Optional<TaskBreakdown> OWNERLESS =
            Optional.of(Inputs.plan(goodTask("FE-3").owner(null).build()));

    private final GovernanceGate gate = new GovernanceGate(new DroolsGovernanceEngineFactory(4,
            GovernanceGateRulebookThroughContextTest.class.getClassLoader()));

    @Test
    void aRulebookServedFromMemoryWithNoRulebookOnDiskJudgesAsTheDefaultContextDoes() throws IOException {
        Path copy = elsewhere.resolve("rulebook");
        Rulebook rulebook = TestRulebooks.defaultRulebook(copy);
        Map<String, byte[]> memory = readAndDelete(copy, rulebook);

        // First, with nothing compiled yet: no engine of the same hash can stand in for the rules.
        GateResult fromMemory = gate.evaluate(new Served(workspace, rulebook, memory));
        GateResult byDefault = new GovernanceGate(new DroolsGovernanceEngineFactory(4, getClass().getClassLoader()))
                .evaluate(new GovernanceGateTest.Context(workspace,
                        TestRulebooks.defaultRulebook(workspace.resolve("rulebook")), OWNERLESS));

        assertThat(Files.exists(copy)).isFalse();
        assertThat(fromMemory.status()).isEqualTo(GateStatus.FAIL).isEqualTo(byDefault.status());
        assertThat(fromMemory.findings()).extracting(Finding::code)
                .containsExactlyElementsOf(byDefault.findings().stream().map(Finding::code).toList())
                .contains("governance.missing-owner");
        assertThat(fromMemory.evidence().get("rules_fired")).isEqualTo(byDefault.evidence().get("rules_fired"));
    }

    @Test
    void aChangedRulebookServedFromMemoryGivesTheChangedVerdictWhateverIsOnDisk() throws IOException {
        Rulebook onDisk = TestRulebooks.defaultRulebook(workspace.resolve("rulebook"));
        Path copy = elsewhere.resolve("rulebook");
        TestRulebooks.defaultRulebook(copy);
        Path hygiene = copy.resolve("rules/hygiene.drl");
        // missing-owner made a MEDIUM rule: a warning, no longer an error.
        Files.writeString(hygiene, Files.readString(hygiene).replace(
                "rule \"missing-owner\"\n    @severity(CRITICAL)", "rule \"missing-owner\"\n    @severity(MEDIUM)"));
        Rulebook changed = TestRulebooks.load(copy);
        assertThat(changed.hash()).isNotEqualTo(onDisk.hash());
        Map<String, byte[]> memory = readAndDelete(copy, changed);

        GateResult result = gate.evaluate(new Served(workspace, changed, memory));

        assertThat(result.status()).isEqualTo(GateStatus.WARN);
        assertThat(result.findings()).filteredOn(f -> f.code().equals("governance.missing-owner"))
                .extracting(f -> f.severity().name()).containsExactly("WARNING");
        assertThat(result.evidence()).containsEntry("rulebook_hash", changed.hash());
    }

    @Test
    void aRuleFileTheContextDoesNotServeFailsTheGateRatherThanBeingLeftOut() throws IOException {
        Path copy = elsewhere.resolve("rulebook");
        Rulebook rulebook = TestRulebooks.defaultRulebook(copy);
        Map<String, byte[]> memory = readAndDelete(copy, rulebook);
        // Without the rule that finds the ownerless task, the others would pass the plan.
        memory.remove("rules/hygiene.drl");

        GateResult result = gate.evaluate(new Served(workspace, rulebook, memory));

        assertThat(result.status()).isEqualTo(GateStatus.FAIL);
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("governance.rulebook");
            assertThat(f.message()).contains("serves no rule file rules/hygiene.drl");
            assertThat(f.location()).get().extracting(l -> l.file()).asString().endsWith("rules/hygiene.drl");
        });
    }

    @Test
    void aContextThatDoesNotServeItsRulebookIsRefusedNotJudgedByTheDirectory() {
        Rulebook rulebook = TestRulebooks.defaultRulebook(workspace.resolve("rulebook"));
        GateContext interfaceDefault = new ForwardingWithoutRulebookFiles(
                new GovernanceGateTest.Context(workspace, rulebook, OWNERLESS));

        // The rulebook is on disk, but the context does not serve it: refused (a gate.error when the engine
        // runs the gate), never judged by the directory behind the context's back.
        assertThatThrownBy(() -> gate.evaluate(interfaceDefault)).isInstanceOf(PlanningException.class)
                .hasMessageContaining("does not supply GateContext.rulebookFile(String)");
    }

    @Test
    void theEnginesContextRefusesARulebookChangedOnDiskSinceItWasLoaded() throws IOException {
        Rulebook rulebook = TestRulebooks.defaultRulebook(workspace.resolve("rulebook"));
        Path hygiene = workspace.resolve("rulebook/rules/hygiene.drl");
        Files.writeString(hygiene, Files.readString(hygiene).replace("@severity(CRITICAL)", "@severity(LOW)"));

        GateResult result = gate.evaluate(new GovernanceGateTest.Context(workspace, rulebook, OWNERLESS));

        assertThat(result.status()).isEqualTo(GateStatus.FAIL);
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("governance.rulebook");
            assertThat(f.message()).contains("the rulebook changed since it was loaded");
        });
    }

    @Test
    void rulesCompiledFromTheDirectoryServeTheGateGivenTheSameBytes() throws IOException {
        DroolsGovernanceEngineFactory factory = new DroolsGovernanceEngineFactory(4, getClass().getClassLoader());
        Path copy = elsewhere.resolve("rulebook");
        Rulebook rulebook = TestRulebooks.defaultRulebook(copy);
        factory.create(rulebook); // as the workspace builder compiles it
        Map<String, byte[]> memory = readAndDelete(copy, rulebook);

        GateResult result = new GovernanceGate(factory).evaluate(new Served(workspace, rulebook, memory));

        assertThat(result.status()).isEqualTo(GateStatus.FAIL);
        assertThat(factory.compilationCount()).isEqualTo(1);
        memory.put("rules/hygiene.drl", (new String(memory.get("rules/hygiene.drl"), StandardCharsets.UTF_8)
                + "\n// changed\n").getBytes(StandardCharsets.UTF_8));
        new GovernanceGate(factory).evaluate(new Served(workspace, rulebook, memory));
        assertThat(factory.compilationCount()).as("other bytes under the same hash are compiled again").isEqualTo(2);
    }

    /** The rule files of a rulebook directory, read into memory; then the directory is deleted. */
    private static Map<String, byte[]> readAndDelete(Path directory, Rulebook rulebook) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        for (String file : rulebook.ruleFiles()) {
            files.put(file, Files.readAllBytes(directory.resolve(file)));
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        return files;
    }

    /** An embedder's context: the workspace's inputs as the engine reads them, the rulebook's files from memory. */
    private static class Served extends ForwardingWithoutRulebookFiles {
        private final Map<String, byte[]> files;

        Served(Path workspace, Rulebook rulebook, Map<String, byte[]> files) {
            super(new GovernanceGateTest.Context(workspace, rulebook, OWNERLESS));
            this.files = files;
        }

        @Override
        public Optional<byte[]> rulebookFile(String file) {
            return Optional.ofNullable(files.get(file)).map(byte[]::clone);
        }
    }

    /** Everything from the delegate but the rulebook's files, which it leaves to the interface's default. */
    private static class ForwardingWithoutRulebookFiles implements GateContext {
        private final GateContext delegate;

        ForwardingWithoutRulebookFiles(GateContext delegate) {
            this.delegate = delegate;
        }

        public CycleRef cycle() {
            return delegate.cycle();
        }

        public Transition transition() {
            return delegate.transition();
        }

        public Path workspace() {
            return delegate.workspace();
        }

        public Rulebook rulebook() {
            return delegate.rulebook();
        }

        public Optional<TaskBreakdown> tasks() {
            return delegate.tasks();
        }

        public Optional<StoryMap> storyMap() {
            return delegate.storyMap();
        }

        public Map<String, TaskBreakdown> otherStreams() {
            return delegate.otherStreams();
        }

        public List<String> artifactPaths() {
            return delegate.artifactPaths();
        }

        public WorkspaceFiles files() {
            return delegate.files();
        }

        public Clock clock() {
            return delegate.clock();
        }

        public List<Waiver> waivers() {
            return delegate.waivers();
        }

        public List<Contract> contracts() {
            return delegate.contracts();
        }
    }
}
