package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.SealResult;
import dev.planning.api.seal.VerificationSummaries;
import dev.planning.api.signing.Signer;
import dev.planning.engine.Planning;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tidy29: the Java examples of {@code SealOptions} and {@code VerificationSummaries}, each a tagged region here, run
 * on a copy of the {@code fe-2025-09-02} example ({@code JavadocExamplesTest} holds the Javadoc to them).
 */
class ApiSealJavadocExamplesTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");

    @TempDir
    Path temp;

    @Test
    void theNextCyclesHandoffNamesTheEarlierOneAsItsPrior() throws IOException {
        Path dir = Examples.committed(Examples.copy("fe-2025-09-02", temp.resolve("ws")));
        PlanningWorkspace workspace = Planning.builder().workspace(dir).trustedKeys(Examples.TRUST).build();
        assertThat(workspace.advance(CYCLE, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();
        String prior = workspace.seal(CYCLE, SealOptions.defaults()).manifest().orElseThrow().manifestId();
        Examples.signAll(workspace, CYCLE);
        CycleRef next = new CycleRef("fe", "2025-09-16");
        for (String file : List.of("frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml",
                "frameworks/planning-fe/storymaps/2025-09-02-story_map.md")) {
            Files.writeString(dir.resolve(file.replace("2025-09-02", "2025-09-16")),
                    Files.readString(dir.resolve(file), StandardCharsets.UTF_8).replace("2025-09-02", "2025-09-16"),
                    StandardCharsets.UTF_8);
        }
        Examples.committed(dir);
        TransitionResult ready = workspace.advance(next, CycleState.READY_FOR_HANDOFF);
        assertThat(ready.accepted()).as(ready.failedGates().toString()).isTrue();

        SealResult sealed =
                // tag::sealoptionsjavadoc[]
                workspace.seal(next, SealOptions.defaults().withPriorManifestId(prior).withNotes("re-plan after review"));
                // end::sealoptionsjavadoc[]

        HandoffManifest manifest = sealed.manifest().orElseThrow();
        assertThat(manifest.priorManifestId()).contains(prior);
        assertThat(manifest.notes()).contains("re-plan after review");
        Examples.signAll(workspace, next);
        assertThat(workspace.verify(next, Examples.TRUST).passed()).isTrue();
    }

    @Test
    void theSummariesTellTheTestResultAndWhereItWasWritten() throws IOException {
        PlanningWorkspace workspace = Examples.signedHandoff(temp.resolve("ws"));
        CycleRef cycle = CYCLE;
        assertThat(workspace.advance(cycle, CycleState.EXECUTED).accepted()).isTrue();
        Path demo = Path.of("demo/outcomes/2025-09-02");
        workspace.importOutcomes(cycle, List.of(demo.resolve("lcov.info"), demo.resolve("axe-checkout.json"),
                Examples.demoDeploymentsAfterNow(temp.resolve("deployments.yaml")), demo.resolve("TEST-dev.shop.CheckoutTest.xml")));
        assertThat(workspace.advance(cycle, CycleState.VALIDATED).accepted()).isTrue();
        Signer qaSigner = Examples.SIGNERS.get(2);

        // tag::summariesjavadoc[]
        VerificationSummaries written = workspace.summarize(cycle, List.of(qaSigner));
        System.out.println(written.testResult() + " " + written.testResultPath());
        // end::summariesjavadoc[]

        // The demo's JUnit report skips one test case: warned, not passed.
        assertThat(written.testResult()).isEqualTo("WARNED");
        assertThat(written.warnedTests()).isPositive();
        assertThat(written.failedTests()).isZero();
        assertThat(workspace.root().resolve(written.testResultPath())).isRegularFile();
        assertThat(workspace.verify(cycle, Examples.TRUST).passed()).isTrue();
    }
}
