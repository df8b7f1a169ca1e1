package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.DocumentException;
import dev.planning.api.InitResult;
import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.event.EventType;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.LintReport;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.SealingException;
import dev.planning.api.seal.SignOptions;
import dev.planning.api.signing.Keys;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.engine.Planning;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The public API's contract, as an embedder meets it: argument checks, overloads, refusals as values. */
class PublicApiTest {

    private static final CycleRef FE = new CycleRef("fe", "2025-09-02");

    @TempDir
    Path dir;

    static Stream<Arguments> nullArguments() {
        PlanningWorkspace ws = Planning.builder().workspace(Examples.workspace("fe-2025-09-02")).build();
        Path any = Path.of("x");
        Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
        calls.put("stream", () -> ws.lint(null));
        calls.put("cycleId", () -> ws.lint("fe", null));
        calls.put("stream ", () -> ws.lint(null, "2025-09-02"));
        calls.put("cycleId ", () -> ws.lintCycle(null));
        calls.put("cycle", () -> ws.status(null));
        calls.put("cycle   ", () -> ws.exists(null));
        calls.put("to", () -> ws.dryRun(FE, null));
        calls.put("to ", () -> ws.advance(FE, null));
        calls.put("options", () -> ws.seal(FE, null));
        calls.put("signer", () -> ws.sign(FE, null));
        calls.put("signer ", () -> ws.sign(FE, null, SignOptions.defaults()));
        calls.put("trust", () -> ws.verify(FE, null));
        calls.put("files", () -> ws.importOutcomes(FE, null));
        calls.put("files[1]", () -> ws.importOutcomes(FE, Arrays.asList(any, null)));
        calls.put("template", () -> ws.digest(FE, null));
        calls.put("nextCycleId", () -> ws.improve(FE, null));
        calls.put("signers", () -> ws.attest(FE, null));
        calls.put("status", () -> ws.checkHistory(null));
        calls.put("trust ", () -> ws.queries(null));
        calls.put("type", () -> ws.record(FE, null, Map.of()));
        calls.put("workspace", () -> Planning.init(null, FE));
        calls.put("cycle  ", () -> Planning.init(any, null));
        calls.put("directory", () -> Planning.rulebookHash(null));
        calls.put("directory ", () -> Planning.rulebook(null));
        calls.put("file", () -> Planning.readManifest(null));
        calls.put("role", () -> Planning.keys().generate(null, SignatureAlgorithm.ED25519, any));
        calls.put("keyFile", () -> Planning.keys().pemSigner("QA", null));
        calls.put("file ", () -> Planning.keys().readTrustFile(null));
        calls.put("role ", () -> Planning.keys().readPublicKey(null, any));
        calls.put("publicKeyFile", () -> Planning.keys().readPublicKey("QA", null));
        calls.put("workspace ", () -> Planning.keys().readPublicKey("QA", any, null));
        List<Arguments> arguments = new ArrayList<>();
        calls.forEach((name, call) -> arguments.add(Arguments.of(name.strip(), call)));
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nullArguments")
    void refusesANullArgumentNamingIt(String parameter, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(NullPointerException.class).hasMessage(parameter);
    }

    @Test
    void lintOverloadsNarrowTheScope() {
        PlanningWorkspace ws = Planning.builder().workspace(Examples.workspace("multi-stream")).build();

        LintReport all = ws.lint();
        LintReport fe = ws.lint("fe");
        LintReport feCycle = ws.lint("fe", ws.cycles().stream().filter(c -> c.stream().equals("fe")).findFirst()
                .orElseThrow().cycleId());

        assertThat(all.filesChecked()).anyMatch(f -> f.contains("planning-be/"));
        assertThat(fe.filesChecked()).isNotEmpty().noneMatch(f -> f.contains("planning-be/"));
        assertThat(feCycle.filesChecked()).isNotEmpty().isSubsetOf(fe.filesChecked());
    }

    @Test
    void aCrashingGateIsARecordedRefusalWithGateCrashed() {
        Path ws = Examples.copy("fe-2025-09-02", dir.resolve("ws"));
        Gate crashing = new Gate() {
            @Override
            public String name() {
                return "schema_lint";   // replaces the registered gate of that name
            }

            @Override
            public GateResult evaluate(GateContext context) {
                throw new IllegalStateException("boom");
            }
        };
        PlanningWorkspace workspace = Planning.builder().workspace(ws).gate(crashing).build();

        TransitionResult result = workspace.advance(FE, CycleState.READY_FOR_HANDOFF);

        assertThat(result.accepted()).isFalse();
        List<Finding> findings = result.failedGates().stream().flatMap(g -> g.findings().stream()).toList();
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo("gate.crashed");
            assertThat(f.message()).contains("schema_lint crashed", "IllegalStateException", "boom");
        });
        assertThat(workspace.status(FE).history()).last()
                .satisfies(e -> assertThat(e.event().type()).isEqualTo(EventType.TRANSITION_REFUSED));
        assertThat(workspace.status(FE).state()).isEqualTo(CycleState.PLANNED);
    }

    @Test
    void initScaffoldsAndNeverReplacesAFile() throws Exception {
        Path ws = dir.resolve("new");

        InitResult first = Planning.init(ws, new CycleRef("be", "PLN-1"));
        InitResult second = Planning.init(ws, new CycleRef("be", "PLN-2"));

        assertThat(first.createdRulebook()).contains(ws.toAbsolutePath().resolve("rulebook"));
        assertThat(first.written()).contains(".gitignore", ".gitattributes", "frameworks/planning-be/tasks/PLN-1-be_task_breakdown.yaml");
        assertThat(first.cycle().history()).hasSize(1);
        assertThat(second.createdRulebook()).isEmpty();
        assertThat(second.written()).doesNotContain(".gitignore").contains("frameworks/planning-be/tasks/PLN-2-be_task_breakdown.yaml");
        // The starter's placeholders are refused by lint until edited.
        assertThat(Planning.builder().workspace(ws).build().lint().passed()).isFalse();

        Path plan = ws.resolve("frameworks/planning-be/tasks/PLN-1-be_task_breakdown.yaml");
        String before = Files.readString(plan);
        assertThatThrownBy(() -> Planning.init(ws, new CycleRef("be", "PLN-1")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("already exists");
        assertThat(Files.readString(plan)).isEqualTo(before);
    }

    @Test
    void attestIsRefusedOnceASealedArtifactChanged() throws Exception {
        Path ws = Examples.copy("fe-2025-09-02", dir.resolve("ws"));
        Keys keys = Planning.keys();
        keys.generate("QA", SignatureAlgorithm.ED25519, dir.resolve("keys"));
        PlanningWorkspace workspace = Planning.builder().workspace(ws).build();
        workspace.advance(FE, CycleState.READY_FOR_HANDOFF);
        workspace.seal(FE, SealOptions.defaults().withAllowDirty(true));
        Path plan = ws.resolve(workspace.layout().taskBreakdown(FE));
        Files.writeString(plan, Files.readString(plan) + "\n# edited after sealing\n");

        assertThatThrownBy(() -> workspace.attest(FE, List.of(keys.pemSigner("QA", dir.resolve("keys/QA.key.pem")))))
                .isInstanceOf(SealingException.class)
                .hasMessageContaining("cannot attest fe/2025-09-02");
    }

    @Test
    void aTrustFileInsideTheWorkspaceIsRefused() {
        Path ws = Examples.copy("fe-2025-09-02", dir.resolve("ws"));
        Planning.keys().generate("QA", SignatureAlgorithm.ED25519, ws.resolve("keys"));

        assertThatThrownBy(() -> Planning.keys().readTrustFile(ws.resolve("keys/trust.yaml"), ws))
                .isInstanceOf(InvalidInputException.class);
        assertThat(Planning.keys().readTrustFile(ws.resolve("keys/trust.yaml")).keys()).hasSize(1);
    }

    @Test
    void rulebookHashAndRulebookAgree() {
        Path rulebook = Examples.workspace("fe-2025-09-02").resolve("rulebook");

        assertThat(Planning.rulebookHash(rulebook)).isEqualTo(Planning.rulebook(rulebook).hash());
        assertThatThrownBy(() -> Planning.rulebookHash(dir.resolve("missing")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("rulebook directory not found");
    }

    static Stream<Arguments> filesThatAreNotYaml() {
        return Stream.of(
                Arguments.of("readManifest", (Reader) (bad, ws) -> Planning.readManifest(bad)),
                Arguments.of("readTrustFile", (Reader) (bad, ws) -> Planning.keys().readTrustFile(bad)),
                Arguments.of("rulebook", (Reader) (bad, ws) -> {
                    Files.copy(bad, ws.resolve("rulebook/rulebook.yaml"), StandardCopyOption.REPLACE_EXISTING);
                    return Planning.rulebook(ws.resolve("rulebook"));
                }),
                Arguments.of("build", (Reader) (bad, ws) -> {
                    Files.copy(bad, ws.resolve("rulebook/rulebook.yaml"), StandardCopyOption.REPLACE_EXISTING);
                    return Planning.builder().workspace(ws).build();
                }),
                Arguments.of("importOutcomes", (Reader) (bad, ws) ->
                        Planning.builder().workspace(ws).build().importOutcomes(FE, List.of(bad))));
    }

    /** A call of the public API on a file that is not YAML. */
    interface Reader {
        Object read(Path bad, Path workspace) throws Exception;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filesThatAreNotYaml")
    void aFileThatIsNotYamlIsADocumentExceptionOfTheApiWithItsCode(String call, Reader reader) throws Exception {
        Path ws = Examples.copy("fe-2025-09-02", dir.resolve("ws"));
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "a: [1\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> reader.read(bad, ws))
                .isExactlyInstanceOf(DocumentException.class)
                .satisfies(e -> assertThat(((DocumentException) e).code()).isEqualTo(DocumentException.YAML_SYNTAX))
                .satisfies(e -> assertThat(((DocumentException) e).location()).isPresent());
    }
}
