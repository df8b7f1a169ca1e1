package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.api.outcome.OutcomeKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingExampleTest {

    private static final Path SOURCE = Path.of("src/main/java/dev/planning/examples/EmbeddingExample.java");

    @TempDir
    Path dir;

    @Test
    void advancesTheFrontendExample() {
        Path ws = Examples.copy("fe-2025-09-02", dir);

        assertThat(EmbeddingExample.run(ws)).isTrue();
        assertThat(ws.resolve("frameworks/planning-fe/events/2025-09-02.events.jsonl")).exists();
    }

    @Test
    void performsEveryCliJobThroughThePublicApi() throws Exception {
        Path ws = Examples.copy("fe-2025-09-02", dir.resolve("ws"));
        Path scratch = Files.createDirectories(dir.resolve("scratch"));

        EmbeddingExample.Tour tour = EmbeddingExample.everyJob(ws, demoAfterNow(), scratch);

        // init
        assertThat(tour.init().createdRulebook()).isPresent();
        assertThat(tour.init().written()).contains(".gitignore", "frameworks/planning-fe/tasks/2025-10-01-fe_task_breakdown.yaml");
        assertThat(tour.init().cycle().state()).isEqualTo(CycleState.PLANNED);
        // rules hash and rule tests
        assertThat(tour.rulebookHash()).matches("[0-9a-f]{64}");
        assertThat(tour.ruleTests().passed()).isTrue();
        assertThat(tour.ruleTests().results()).isNotEmpty();
        // keys and trust file
        assertThat(tour.keys()).extracting(k -> k.role()).containsExactly("PM", "TechLead", "QA");
        assertThat(tour.keys().get(0).trustFile()).exists();
        // gate, advance, seal, sign, verify
        assertThat(tour.dryRun()).isNotEmpty().allMatch(g -> g.passed());
        assertThat(tour.transitions()).allMatch(TransitionResult::accepted)
                .extracting(t -> t.transition().to()).containsExactly(CycleState.READY_FOR_HANDOFF,
                        CycleState.PACKAGED, CycleState.EXECUTED, CycleState.VALIDATED, CycleState.IMPROVE);
        assertThat(tour.seal().sealed()).isTrue();
        assertThat(tour.verification().passed()).as(tour.verification().discrepancies().toString()).isTrue();
        assertThat(tour.verification().countedSignatures()).hasSize(3);
        // attest
        assertThat(Files.readString(tour.attestation())).contains("\"payloadType\" : \"application/vnd.in-toto+json\"");
        // import, digest, improve, status
        assertThat(tour.imported().changed()).isTrue();
        assertThat(tour.imported().files()).extracting(f -> f.kind())
                .contains(OutcomeKind.JUNIT, OutcomeKind.LCOV, OutcomeKind.AXE, OutcomeKind.DEPLOYMENTS);
        assertThat(tour.digest().written()).isTrue();
        assertThat(ws.resolve(tour.digest().path())).exists();
        assertThat(tour.improve().completed()).isTrue();
        assertThat(tour.improve().carried()).isNotEmpty();
        assertThat(tour.status().state()).isEqualTo(CycleState.COMPLETED);
        assertThat(tour.unsigned()).isEmpty();
    }

    /**
     * The demo's inputs (outcomes, retrospective) copied, its deployments dated next year
     * ({@link Examples#demoDeploymentsAfterNow}): the tour creates its cycle at the real clock, and a deployment
     * dated before the cycle's creation is refused.
     */
    private Path demoAfterNow() throws IOException {
        Path demo = Path.of("demo");
        Path inputs = dir.resolve("demo");
        for (String folder : List.of("outcomes/2025-09-02", "retro")) {
            Files.createDirectories(inputs.resolve(folder));
            try (Stream<Path> files = Files.list(demo.resolve(folder))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, inputs.resolve(folder).resolve(file.getFileName().toString()));
                }
            }
        }
        Examples.demoDeploymentsAfterNow(inputs.resolve("outcomes/2025-09-02/deployments.yaml"));
        return inputs;
    }

    @Test
    void theReadmeShowsEveryTaggedRegionVerbatim() throws Exception {
        List<String> tags = ReadmeRegions.assertShownVerbatim(SOURCE, "EmbeddingExample");
        assertThat(tags).containsExactly("embed", "init", "rules", "keys", "open", "gate", "seal", "attest", "import",
                "digest", "improve", "status");
    }
}
