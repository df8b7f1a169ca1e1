package dev.planning.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.artifact.Controls;
import dev.planning.api.artifact.PersonNames;
import dev.planning.api.artifact.Priority;
import dev.planning.api.artifact.Tag;
import dev.planning.api.artifact.Tags;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskRef;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.Severity;
import dev.planning.api.governance.GovernanceInput;
import dev.planning.api.governance.Waiver;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.Lifecycle;
import dev.planning.api.lifecycle.Transition;
import dev.planning.api.rulebook.ThresholdBound;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.TrustedKey;
import java.math.BigDecimal;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * javadoc28: the Java examples of planning-api's Javadoc that need no workspace, each a tagged region here, compiled
 * and run ({@code JavadocExamplesTest} holds the Javadoc to them), each with what its comment claims.
 */
class ApiJavadocExamplesTest {

    @Test
    void printableLineEscapesTheLineBreakAndTheEscapeCharacter() {
        // tag::printableline[]
        String shown = Printable.line("FE-9\n\033[32mlint passed");   // FE-9\u005cu000A\u005cu001B[32mlint passed
        // end::printableline[]

        assertThat(shown).isEqualTo("FE-9\\u000A\\u001B[32mlint passed");
    }

    @Test
    void printableMarkdownEscapesWhatWouldStartAStructureOrAMention() {
        // tag::printablemarkdown[]
        String markdown = Printable.markdown("FE-12: see https://x.example, ask @qa, fixes #3");
        // FE-12\: see https\://x\.example, ask @&#8203;qa, fixes #&#8203;3
        // end::printablemarkdown[]

        assertThat(markdown).isEqualTo("FE-12\\: see https\\://x\\.example, ask @&#8203;qa, fixes #&#8203;3");
    }

    @Test
    void theControlsExampleRecordsItsApproversBoardAndRollback() {
        // tag::controlsjavadoc[]
        Controls controls = Controls.builder()
                .approvals("alice", "bob", "carol")
                .reviewBoard("ARB-1")
                .rollbackPlan("feature flag off")
                .build();
        // end::controlsjavadoc[]

        assertThat(controls.approvals()).containsExactly("alice", "bob", "carol");
        assertThat(controls.reviewBoard()).contains("ARB-1");
        assertThat(controls.rollbackPlan()).contains("feature flag off");
    }

    @Test
    void personNamesCountsAPlainNameRefusesMixedScriptsAndFoldsWidthAndCase() {
        // tag::personnamesjavadoc[]
        Optional<String> clear = PersonNames.unclear("techlead-erik");        // empty: counts
        Optional<String> mixed = PersonNames.unclear("techlead-\u0435rik");   // "mixes the scripts Cyrillic and Latin"
        boolean same = PersonNames.identity("\uff42ob ").equals(PersonNames.identity("Bob"));   // true
        // end::personnamesjavadoc[]

        assertThat(clear).isEmpty();
        assertThat(mixed).contains("mixes the scripts Cyrillic and Latin");
        assertThat(same).isTrue();
    }

    @Test
    void tagsOfTheirTextAndTagsBuiltOneByOneAreEqual() {
        // tag::tagsjavadoc[]
        Tags tags = Tags.of("criticality:0", "compliance:sox", "release");
        Tags same = Tags.NONE.with("criticality", "0").with("compliance", "sox").with("release");
        // end::tagsjavadoc[]

        assertThat(same).isEqualTo(tags);
        assertThat(tags.values()).extracting(Tag::toString).containsExactly("criticality:0", "compliance:sox", "release");
    }

    @Test
    void theTaskExampleBuildsTheTaskItDescribes() {
        // tag::taskjavadoc[]
        Task task = Task.builder("FE-12", "Checkout form")
                .owner("alice")
                .tags("criticality:0", "compliance:sox")
                .effort(8)
                .priority(Priority.P1)
                .dependsOn("FE-3", "be:PLN-BE-001")
                .controls(Controls.builder().approvals("bob", "carol").build())
                .build();
        // end::taskjavadoc[]

        assertThat(task.owner()).contains("alice");
        assertThat(task.effort()).contains(BigDecimal.valueOf(8));
        assertThat(task.priority()).contains(Priority.P1);
        assertThat(task.dependencies()).extracting(TaskRef::toString).containsExactly("FE-3", "be:PLN-BE-001");
        assertThat(task.controls().approvals()).containsExactly("bob", "carol");
    }

    @Test
    void findingsAreMadeOnePerSeverity() {
        // tag::findingjavadoc[]
        Finding required = Finding.error("schema.required", "task FE-12: `owner` is required",
                new SourceLocation("frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml", 14, 5))
                .withTask("FE-12");
        Finding stale = Finding.warning("coverage.stale", "the coverage report is older than the plan");
        Finding note = Finding.info("coverage.missing", "no e2e coverage report was imported");
        // end::findingjavadoc[]

        assertThat(List.of(required, stale, note)).extracting(Finding::severity)
                .containsExactly(Severity.ERROR, Severity.WARNING, Severity.INFO);
        assertThat(required.taskId()).contains("FE-12");
        assertThat(required.location()).contains(
                new SourceLocation("frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml", 14, 5));
    }

    @Test
    void theGovernanceInputExampleCarriesItsTaskAndWaiver() {
        // tag::governanceinputjavadoc[]
        GovernanceInput input = GovernanceInput.builder(new CycleRef("fe", "2025-09-02"), LocalDate.of(2025, 9, 2))
                .tasks(Task.builder("FE-1", "Checkout").owner("alice").effort(21).build())
                .waiver(new Waiver("max-estimate", "FE-1", "split next cycle", "lead", LocalDate.of(2025, 9, 30)))
                .build();
        // end::governanceinputjavadoc[]

        assertThat(input.tasks().tasks()).extracting(Task::id).containsExactly("FE-1");
        assertThat(input.waivers()).extracting(Waiver::rule).containsExactly("max-estimate");
    }

    @Test
    void theLifecycleFindsAnAllowedTransitionAndNoSkippingOne() {
        // tag::lifecyclejavadoc[]
        Optional<Transition> handoff = Lifecycle.find(CycleState.PLANNED, CycleState.READY_FOR_HANDOFF);   // validate_complete
        Optional<Transition> skip = Lifecycle.find(CycleState.PLANNED, CycleState.EXECUTED);             // empty
        // end::lifecyclejavadoc[]

        assertThat(handoff).map(Transition::name).contains("validate_complete");
        assertThat(skip).isEmpty();
    }

    @Test
    void aWholeNumberThresholdRefusesAFraction() {
        assertThatThrownBy(() -> {
            // tag::thresholdboundjavadoc[]
            ThresholdBound.check("fe.critical_approvals", 2.5);
            // InvalidInputException: threshold `fe.critical_approvals` is 2.5; critical_approvals holds a whole number
            //   from 0 to 2147483647
            // end::thresholdboundjavadoc[]
        }).isInstanceOf(InvalidInputException.class).hasMessage("threshold `fe.critical_approvals` is 2.5;"
                + " critical_approvals holds a whole number from 0 to 2147483647");
    }

    @Test
    void aRenamedErrorNamesItsFileAsTheCallerShowsIt() {
        InvalidInputException e = new InvalidInputException("`when` is required", new SourceLocation("rules.yaml", 3, 1));

        assertThatThrownBy(() -> {
            // tag::renamedjavadoc[]
            throw e.renamed(file -> "rulebook/" + file, "relative to the workspace");
            // end::renamedjavadoc[]
        }).isInstanceOf(InvalidInputException.class).hasCause(e).hasMessage("`when` is required")
                .satisfies(thrown -> assertThat(((InvalidInputException) thrown).location())
                        .contains(new SourceLocation("rulebook/rules.yaml", 3, 1)));
    }

    @Test
    void aKeyBuiltInCodeIsTrustedUnderItsFingerprintAndItsOwnAlgorithm() throws Exception {
        // tag::trustedkeyjavadoc[]
        PublicKey qa = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();   // or from a PEM file, an HSM, a KMS
        TrustedKey trusted = new TrustedKey("QA", TrustedKey.keyIdOf(qa), SignatureAlgorithm.ofKey(qa), qa);
        // end::trustedkeyjavadoc[]

        assertThat(trusted.algorithm()).isEqualTo(SignatureAlgorithm.ED25519);
        assertThat(trusted.keyId()).matches("[0-9a-f]{64}");
    }

    @Test
    void theGateResultExamplesEvidenceIsKeptInItsOrderWithTheIdsSorted() {
        GateResult result = new IdsGate(Set.of("FE-3", "FE-1", "FE-2")).evaluate(null);

        assertThat(result.evidence()).containsExactly(Map.entry("tasks", 12), Map.entry("ids", List.of("FE-1", "FE-2", "FE-3")));
        assertThat(result.findings()).isEmpty();
    }

    /** A gate returning the evidence of {@link GateResult}'s example. */
    private static final class IdsGate implements Gate {

        private final Set<String> ids;

        IdsGate(Set<String> ids) {
            this.ids = ids;
        }

        @Override
        public String name() {
            return "ids";
        }

        @Override
        public GateResult evaluate(GateContext context) {
            List<Finding> findings = List.of();
            // tag::gateresultjavadoc[]
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("tasks", 12);
            evidence.put("ids", List.copyOf(new TreeSet<>(ids)));   // a sorted list, not the set itself
            return GateResult.of(name(), findings, evidence);
            // end::gateresultjavadoc[]
        }
    }
}
