package dev.planning.engine.internal.lifecycle;

import static dev.planning.api.lifecycle.CycleState.COMPLETED;
import static dev.planning.api.lifecycle.CycleState.EXECUTED;
import static dev.planning.api.lifecycle.CycleState.IMPROVE;
import static dev.planning.api.lifecycle.CycleState.PACKAGED;
import static dev.planning.api.lifecycle.CycleState.PLANNED;
import static dev.planning.api.lifecycle.CycleState.READY_FOR_HANDOFF;
import static dev.planning.api.lifecycle.CycleState.VALIDATED;
import static dev.planning.engine.internal.lifecycle.Fixtures.CYCLE;
import static dev.planning.engine.internal.lifecycle.Fixtures.gate;
import static dev.planning.engine.internal.lifecycle.Fixtures.machine;
import static dev.planning.engine.internal.lifecycle.Fixtures.rulebook;
import static dev.planning.engine.internal.lifecycle.Fixtures.step;
import static dev.planning.engine.internal.lifecycle.Fixtures.throwing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.InvalidInputException;
import dev.planning.api.InvalidTransitionException;
import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import dev.planning.api.SystemFailureException;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.gate.Severity;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.CycleStatus;
import dev.planning.api.lifecycle.Lifecycle;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.engine.fixtures.Gates;
import dev.planning.engine.internal.eventlog.FileEventStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecycleMachineTest {

    @TempDir
    Path workspace;

    private List<PlanningEvent> events() {
        return new FileEventStore(workspace).read(CYCLE).stream().map(RecordedEvent::event).toList();
    }

    private Path log() {
        return workspace.resolve("frameworks/planning-fe/events/2025-09-02.events.jsonl");
    }

    @Test
    void aCycleWithoutALogIsPlannedWithNoHistory() {
        CycleStatus status = machine(workspace, rulebook()).build().status(CYCLE);

        assertThat(status.state()).isEqualTo(PLANNED);
        assertThat(status.history()).isEmpty();
    }

    @Test
    void createRecordsCycleCreatedOnce() {
        LifecycleMachine machine = machine(workspace, rulebook()).build();

        machine.create(CYCLE);
        CycleStatus status = machine.create(CYCLE);

        assertThat(status.state()).isEqualTo(PLANNED);
        assertThat(status.history()).singleElement().satisfies(e -> {
            assertThat(e.event().type()).isEqualTo(EventType.CYCLE_CREATED);
            assertThat(e.event().entityId()).isEqualTo("fe/2025-09-02");
        });
    }

    @Test
    void walksEveryForwardTransitionToCompletedRecordingEach() {
        Rulebook rulebook = rulebook(step(PLANNED, READY_FOR_HANDOFF, "ok"), step(READY_FOR_HANDOFF, PACKAGED, "ok"),
                step(PACKAGED, EXECUTED, "ok"), step(EXECUTED, VALIDATED, "ok"), step(VALIDATED, IMPROVE, "ok"),
                step(IMPROVE, COMPLETED, "ok"));
        LifecycleMachine machine = machine(workspace, rulebook).gate(gate("ok", GateStatus.PASS)).build();

        for (CycleState to : List.of(READY_FOR_HANDOFF, PACKAGED, EXECUTED, VALIDATED, IMPROVE, COMPLETED)) {
            TransitionResult result = machine.advance(CYCLE, to);
            assertThat(result.accepted()).isTrue();
            assertThat(result.stateAfter()).isEqualTo(to);
            assertThat(machine.status(CYCLE).state()).isEqualTo(to);
        }

        assertThat(events()).extracting(PlanningEvent::type).containsExactly(EventType.CYCLE_CREATED,
                EventType.STATE_TRANSITION, EventType.STATE_TRANSITION, EventType.STATE_TRANSITION,
                EventType.STATE_TRANSITION, EventType.STATE_TRANSITION, EventType.CYCLE_COMPLETED);
        PlanningEvent first = events().get(1);
        assertThat(first.fromState()).contains(PLANNED);
        assertThat(first.toState()).contains(READY_FOR_HANDOFF);
        assertThat(first.gateResults()).containsExactly(Map.entry("ok", GateStatus.PASS));
        assertThat(first.details()).containsEntry("transition", "validate_complete").containsEntry("profile", "fe")
                .containsEntry("rulebook_hash", "ab".repeat(32)).containsEntry("findings_error", "0");
        assertThat(first.triggeredBy()).isEqualTo("tester");
        assertThat(first.timestamp()).isEqualTo(Fixtures.NOW);
        assertThat(first.id()).isEqualTo("evt_2");
    }

    @Test
    void walksEveryBackwardTransition() {
        LifecycleMachine machine = machine(workspace, rulebook()).build();

        machine.advance(CYCLE, READY_FOR_HANDOFF);
        assertThat(machine.advance(CYCLE, PLANNED).stateAfter()).isEqualTo(PLANNED);
        assertThat(machine.status(CYCLE).state()).isEqualTo(PLANNED);
        machine.advance(CYCLE, READY_FOR_HANDOFF);
        machine.advance(CYCLE, PACKAGED);
        machine.advance(CYCLE, EXECUTED);
        assertThat(machine.advance(CYCLE, PACKAGED).transition().name()).isEqualTo("execution_failed");
        assertThat(machine.status(CYCLE).state()).isEqualTo(PACKAGED);
        machine.advance(CYCLE, EXECUTED);
        machine.advance(CYCLE, VALIDATED);
        machine.advance(CYCLE, EXECUTED);
        assertThat(machine.status(CYCLE).state()).isEqualTo(EXECUTED);
    }

    @Test
    void updatingThePlanRecordsPlanUpdated() {
        LifecycleMachine machine = machine(workspace, rulebook()).build();

        TransitionResult result = machine.advance(CYCLE, PLANNED);

        assertThat(result.accepted()).isTrue();
        assertThat(result.transition().name()).isEqualTo("update_plan");
        assertThat(events()).extracting(PlanningEvent::type)
                .containsExactly(EventType.CYCLE_CREATED, EventType.PLAN_UPDATED);
        assertThat(machine.status(CYCLE).state()).isEqualTo(PLANNED);
    }

    @Test
    void refusesAnInvalidTransitionNamingTheStateAndTheAllowedTargets() {
        LifecycleMachine machine = machine(workspace, rulebook()).build();

        assertThatThrownBy(() -> machine.advance(CYCLE, EXECUTED))
                .isInstanceOfSatisfying(InvalidTransitionException.class, e -> {
                    assertThat(e.from()).isEqualTo(PLANNED);
                    assertThat(e.to()).isEqualTo(EXECUTED);
                    assertThat(e.getMessage()).isEqualTo("cycle fe/2025-09-02 cannot move from PLANNED to EXECUTED;"
                            + " allowed from PLANNED: READY_FOR_HANDOFF (validate_complete), PLANNED (update_plan)");
                });
        assertThat(Files.exists(log())).isFalse();
    }

    @Test
    void aCompletedCycleRefusesEverything() {
        LifecycleMachine machine = machine(workspace, rulebook()).build();
        for (CycleState to : List.of(READY_FOR_HANDOFF, PACKAGED, EXECUTED, VALIDATED, IMPROVE, COMPLETED)) {
            machine.advance(CYCLE, to);
        }
        long size = log().toFile().length();

        for (CycleState to : CycleState.values()) {
            assertThatThrownBy(() -> machine.advance(CYCLE, to)).isInstanceOf(InvalidTransitionException.class)
                    .hasMessageContaining("is COMPLETED");
            assertThatThrownBy(() -> machine.dryRun(CYCLE, to)).isInstanceOf(InvalidTransitionException.class);
        }
        assertThatThrownBy(() -> machine.record(CYCLE, EventType.DIGEST_PUBLISHED, Map.of()))
                .isInstanceOf(InvalidTransitionException.class);
        assertThat(log().toFile().length()).isEqualTo(size);
    }

    @Test
    void recordsARefusedTransitionWithItsGateResultsAndKeepsTheState() {
        LifecycleMachine machine = machine(workspace, rulebook(step(PLANNED, READY_FOR_HANDOFF, "lint", "gov")))
                .gate(gate("lint", GateStatus.FAIL)).gate(gate("gov", GateStatus.WARN)).build();

        TransitionResult result = machine.advance(CYCLE, READY_FOR_HANDOFF);

        assertThat(result.accepted()).isFalse();
        assertThat(result.stateAfter()).isEqualTo(PLANNED);
        assertThat(result.failedGates()).extracting(GateResult::gate).containsExactly("lint");
        assertThat(machine.status(CYCLE).state()).isEqualTo(PLANNED);
        PlanningEvent refused = events().get(1);
        assertThat(refused.type()).isEqualTo(EventType.TRANSITION_REFUSED);
        assertThat(refused.id()).isEqualTo(result.eventId());
        assertThat(refused.fromState()).contains(PLANNED);
        assertThat(refused.toState()).contains(READY_FOR_HANDOFF);
        assertThat(refused.gateResults()).containsExactly(Map.entry("lint", GateStatus.FAIL),
                Map.entry("gov", GateStatus.WARN));
        assertThat(refused.details()).containsEntry("failed_gates", "lint").containsEntry("reason", "gates failed: lint")
                .containsEntry("findings_error", "1").containsEntry("findings_warning", "1")
                .doesNotContainKey(CycleFold.MOVED_TO);
    }

    @Test
    void aWarningDoesNotBlockATransition() {
        LifecycleMachine machine = machine(workspace, rulebook(step(PLANNED, READY_FOR_HANDOFF, "gov")))
                .gate(gate("gov", GateStatus.WARN)).build();

        assertThat(machine.advance(CYCLE, READY_FOR_HANDOFF).accepted()).isTrue();
    }

    @Test
    void aRefusedTransitionFollowsTheStepsFailureAction() {
        Rulebook rulebook = rulebook(step(READY_FOR_HANDOFF, PACKAGED, PLANNED, "consistency"));
        LifecycleMachine machine = machine(workspace, rulebook).gate(gate("consistency", GateStatus.FAIL)).build();
        machine.advance(CYCLE, READY_FOR_HANDOFF);

        TransitionResult result = machine.advance(CYCLE, PACKAGED);

        assertThat(result.accepted()).isFalse();
        assertThat(result.stateAfter()).isEqualTo(PLANNED);
        assertThat(machine.status(CYCLE).state()).isEqualTo(PLANNED);
        assertThat(events().get(2).details()).containsEntry(CycleFold.MOVED_TO, "PLANNED");
    }

    @Test
    void refusesAProfileWhoseFailureActionTheLifecycleDoesNotAllow() {
        Rulebook rulebook = rulebook(step(PLANNED, READY_FOR_HANDOFF, COMPLETED, "ok"));
        LifecycleMachine machine = machine(workspace, rulebook).gate(gate("ok", GateStatus.PASS)).build();

        assertThatThrownBy(() -> machine.advance(CYCLE, READY_FOR_HANDOFF)).isInstanceOf(PlanningException.class)
                .hasMessageContaining("sends a failed PLANNED->READY_FOR_HANDOFF to COMPLETED");
        assertThat(Files.exists(log())).isFalse();
    }

    /**
     * Seventeenth review: a step whose failure action is a forward move ({@code on_failure} the
     * transition's own target, or any state ahead) moved a refused cycle on as if its gates had passed.
     */
    @Test
    void refusesAProfileWhoseFailureActionMovesTheCycleForward() {
        Rulebook rulebook = rulebook(step(PLANNED, READY_FOR_HANDOFF, READY_FOR_HANDOFF, "gov"));
        LifecycleMachine machine = machine(workspace, rulebook).gate(gate("gov", GateStatus.FAIL)).build();

        assertThatThrownBy(() -> machine.advance(CYCLE, READY_FOR_HANDOFF)).isInstanceOf(PlanningException.class)
                .hasMessageContaining("sends a failed PLANNED->READY_FOR_HANDOFF to READY_FOR_HANDOFF")
                .hasMessageContaining("a failed transition stays in PLANNED or moves back");
        assertThat(Files.exists(log())).isFalse();
    }

    @Test
    void namesAMissingGateBeforeRunningAny() {
        AtomicInteger runs = new AtomicInteger();
        Rulebook rulebook = rulebook(step(PLANNED, READY_FOR_HANDOFF, "lint", "parity", "governance"));
        LifecycleMachine machine = machine(workspace, rulebook)
                .gate(gate("lint", GateStatus.PASS, context -> runs.incrementAndGet()))
                .gate(gate("governance", GateStatus.PASS)).build();

        assertThatThrownBy(() -> machine.advance(CYCLE, READY_FOR_HANDOFF))
                .isInstanceOf(PlanningException.class)
                .hasMessage("gate profile 'fe' names gate 'parity' for PLANNED->READY_FOR_HANDOFF, but no gate of"
                        + " that name is registered; available gates: [governance, lint]");
        assertThatThrownBy(() -> machine.dryRun(CYCLE, READY_FOR_HANDOFF)).isInstanceOf(PlanningException.class);
        assertThat(runs).hasValue(0);
        assertThat(Files.exists(log())).isFalse();
    }

    @Test
    void runsGatesInProfileOrderWithTheirContext() {
        List<String> order = new ArrayList<>();
        Rulebook rulebook = rulebook(step(PLANNED, READY_FOR_HANDOFF, "zeta", "alpha", "mid"));
        LifecycleMachine machine = machine(workspace, rulebook)
                .gate(gate("alpha", GateStatus.PASS, c -> order.add("alpha " + c.transition().name())))
                .gate(gate("mid", GateStatus.PASS, c -> order.add("mid " + c.cycle())))
                .gate(gate("zeta", GateStatus.PASS, c -> order.add("zeta"))).build();

        TransitionResult result = machine.advance(CYCLE, READY_FOR_HANDOFF);

        assertThat(order).containsExactly("zeta", "alpha validate_complete", "mid fe/2025-09-02");
        assertThat(result.gateResults()).extracting(GateResult::gate).containsExactly("zeta", "alpha", "mid");
    }

    @Test
    void aGateThatThrowsAPlanningExceptionFailsWithItsMessage() {
        SourceLocation where = new SourceLocation("tasks.yaml", 3, 5);
        LifecycleMachine machine = machine(workspace, rulebook(step(PLANNED, READY_FOR_HANDOFF, "lint", "after")))
                .gate(throwing("lint", new InvalidInputException("bad indentation", where)))
                .gate(gate("after", GateStatus.PASS)).build();

        TransitionResult result = machine.advance(CYCLE, READY_FOR_HANDOFF);

        assertThat(result.accepted()).isFalse();
        assertThat(result.gate("lint")).get().satisfies(r -> {
            assertThat(r.status()).isEqualTo(GateStatus.FAIL);
            assertThat(r.findings()).singleElement().satisfies(f -> {
                assertThat(f.code()).isEqualTo("gate.error");
                assertThat(f.message()).isEqualTo("gate lint failed: bad indentation");
                assertThat(f.location()).contains(where);
            });
        });
        assertThat(result.gate("after")).get().extracting(GateResult::status).isEqualTo(GateStatus.PASS);
        assertThat(events().get(1).gateResults()).containsEntry("lint", GateStatus.FAIL);
    }

    @Test
    void aGateReadingAnInputItsContextDoesNotSupplyFailsTheAttempt() {
        // The stub context implements only the required methods: contracts() refuses instead of answering "none".
        LifecycleMachine machine = machine(workspace, rulebook(step(PLANNED, READY_FOR_HANDOFF, "contracts_needed")))
                .gate(gate("contracts_needed", GateStatus.PASS, GateContext::contracts)).build();

        TransitionResult result = machine.advance(CYCLE, READY_FOR_HANDOFF);

        assertThat(result.accepted()).isFalse();
        assertThat(result.gate("contracts_needed")).get().satisfies(r -> {
            assertThat(r.status()).isEqualTo(GateStatus.FAIL);
            assertThat(r.findings()).singleElement().satisfies(f -> {
                assertThat(f.code()).isEqualTo("gate.error");
                assertThat(f.message()).contains("does not supply GateContext.contracts()");
            });
        });
    }

    /**
     * Found by the fourteenth review: {@code GateResult}'s constructor takes the status as given, so a
     * plug-in gate that built {@code new GateResult(name, PASS, errors, ...)} (its status not derived
     * from its findings, as {@link GateResult#of} does) let the transition through while its errors
     * were printed under "PASS". A result that lists an error is a failed gate, whatever it says.
     */
    @Test
    void aPlugInResultThatSaysPassButListsAnErrorIsAFailedGate() {
        Finding error = new Finding("custom.broken", Severity.ERROR, "broken", Optional.empty(), Optional.of("FE-1"));
        Gate says = Gates.of("custom", context -> new GateResult("custom", GateStatus.PASS, List.of(error), Map.of()));
        LifecycleMachine machine = machine(workspace, rulebook(step(PLANNED, READY_FOR_HANDOFF, "custom")))
                .gate(says).build();

        assertThat(machine.dryRun(CYCLE, READY_FOR_HANDOFF)).singleElement()
                .extracting(GateResult::status).isEqualTo(GateStatus.FAIL);
        TransitionResult result = machine.advance(CYCLE, READY_FOR_HANDOFF);

        assertThat(result.accepted()).isFalse();
        assertThat(result.gate("custom")).get().satisfies(r -> {
            assertThat(r.status()).isEqualTo(GateStatus.FAIL);
            assertThat(r.findings()).containsExactly(error);
        });
        assertThat(machine.status(CYCLE).state()).isEqualTo(PLANNED);
    }

    @Test
    void aGateThatCrashesFailsWithCodeGateCrashed() {
        LifecycleMachine machine = machine(workspace, rulebook(step(PLANNED, READY_FOR_HANDOFF, "buggy")))
                .gate(throwing("buggy", new IllegalStateException("oops"))).build();

        TransitionResult result = machine.advance(CYCLE, READY_FOR_HANDOFF);

        assertThat(result.accepted()).isFalse();
        Finding finding = result.gate("buggy").orElseThrow().findings().get(0);
        assertThat(finding.code()).isEqualTo("gate.crashed");
        assertThat(finding.message()).isEqualTo("gate buggy crashed: java.lang.IllegalStateException: oops");
        assertThat(machine.status(CYCLE).state()).isEqualTo(PLANNED);
    }

    /**
     * api26: a plug-in gate whose evidence holds a value that is not JSON (here a set) fails as crashed, the
     * finding naming the gate and where the value is; its evidence is none of it (the engine wrote such a value
     * as the mapper saw fit, a set as an array and any other object as its text).
     */
    @Test
    void aGateWhoseEvidenceIsNotJsonFailsAsCrashedNamingWhereTheValueIs() {
        Gate setInEvidence = Gates.of("plugin", context -> GateResult.of("plugin", List.of(), Map.of("ids", Set.of("FE-1"))));
        LifecycleMachine machine = machine(workspace, rulebook(step(PLANNED, READY_FOR_HANDOFF, "plugin")))
                .gate(setInEvidence).build();

        TransitionResult result = machine.advance(CYCLE, READY_FOR_HANDOFF);

        assertThat(result.accepted()).isFalse();
        GateResult plugin = result.gate("plugin").orElseThrow();
        assertThat(plugin.evidence()).isEmpty();
        assertThat(plugin.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo("gate.crashed");
            assertThat(finding.message()).startsWith("gate plugin crashed: " + GateResult.InvalidEvidenceException.class
                    .getName() + ": gate plugin: evidence.ids is a java.util.ImmutableCollections$Set12, not a JSON value");
        });
        assertThat(machine.status(CYCLE).state()).isEqualTo(PLANNED);
    }

    /**
     * A plug-in gate's {@link LinkageError} (a class or a native library missing) is the environment's, not a
     * verdict of the gate: it ends the run as the error it is (the CLI's exit 3, "no verdict"), and no attempt
     * is recorded, so the cycle stays where it was.
     */
    @Test
    void aGateThatThrowsALinkageErrorStopsTheRunAsAnErrorOfTheEnvironmentAndRecordsNothing() {
        NoClassDefFoundError missing = new NoClassDefFoundError("com/acme/Missing");
        UnsatisfiedLinkError library = new UnsatisfiedLinkError("no acme in java.library.path");
        LifecycleMachine machine = machine(workspace, rulebook(step(PLANNED, READY_FOR_HANDOFF, "plugin")))
                .gate(throwing("plugin", missing)).build();
        LifecycleMachine nativeLibrary = machine(workspace, rulebook(step(PLANNED, READY_FOR_HANDOFF, "plugin")))
                .gate(throwing("plugin", library)).build();

        assertThatThrownBy(() -> machine.advance(CYCLE, READY_FOR_HANDOFF)).isSameAs(missing);
        assertThatThrownBy(() -> machine.dryRun(CYCLE, READY_FOR_HANDOFF)).isSameAs(missing);
        assertThatThrownBy(() -> nativeLibrary.advance(CYCLE, READY_FOR_HANDOFF)).isSameAs(library);
        assertThat(Files.exists(log())).isFalse();
        assertThat(machine.status(CYCLE).state()).isEqualTo(PLANNED);
    }

    /**
     * A read the system failed inside a gate (the disk answering an I/O error: {@code DirectoryEntries}) is no
     * finding about the plans: it ends the run as it is (the CLI's exit 3), and no attempt is recorded, where it was
     * recorded as a failed gate.
     */
    @Test
    void aGateWhoseReadTheSystemFailedStopsTheRunAndRecordsNothing() {
        SystemFailureException disk = new SystemFailureException("cannot list tasks (Input/output error)",
                SourceLocation.ofFile("tasks"), null);
        LifecycleMachine machine = machine(workspace, rulebook(step(PLANNED, READY_FOR_HANDOFF, "lint")))
                .gate(throwing("lint", disk)).build();

        assertThatThrownBy(() -> machine.advance(CYCLE, READY_FOR_HANDOFF)).isSameAs(disk);
        assertThat(Files.exists(log())).isFalse();
        assertThat(machine.status(CYCLE).state()).isEqualTo(PLANNED);
    }

    @Test
    void dryRunRunsTheGatesAndRecordsNothing() {
        LifecycleMachine machine = machine(workspace, rulebook(step(PLANNED, READY_FOR_HANDOFF, "lint")))
                .gate(gate("lint", GateStatus.FAIL)).build();

        List<GateResult> results = machine.dryRun(CYCLE, READY_FOR_HANDOFF);

        assertThat(results).singleElement().extracting(GateResult::status).isEqualTo(GateStatus.FAIL);
        assertThat(Files.exists(log())).isFalse();
        assertThatThrownBy(() -> machine.dryRun(CYCLE, VALIDATED)).isInstanceOf(InvalidTransitionException.class);
    }

    @Test
    void doesNotBuildAGateContextForATransitionWithoutGates() {
        LifecycleMachine machine = machine(workspace, rulebook()).gateContextFactory((cycle, transition) -> {
            throw new AssertionError("no gate needs a context");
        }).build();

        assertThat(machine.advance(CYCLE, READY_FOR_HANDOFF).gateResults()).isEmpty();
    }

    @Test
    void recordsFactsWithoutMovingTheCycle() {
        LifecycleMachine machine = machine(workspace, rulebook()).build();

        RecordedEvent sealed = machine.record(CYCLE, EventType.MANIFEST_SEALED, Map.of("manifest_sha256", "abc"));
        machine.advance(CYCLE, READY_FOR_HANDOFF);
        machine.record(CYCLE, EventType.WAIVER_GRANTED, Map.of("rule", "critical-zero"));

        assertThat(sealed.line()).isEqualTo(2);
        assertThat(sealed.event().details()).containsEntry("manifest_sha256", "abc");
        assertThat(sealed.event().fromState()).contains(PLANNED);
        assertThat(events()).extracting(PlanningEvent::type).containsExactly(EventType.CYCLE_CREATED,
                EventType.MANIFEST_SEALED, EventType.STATE_TRANSITION, EventType.WAIVER_GRANTED);
        assertThat(machine.status(CYCLE).state()).isEqualTo(READY_FOR_HANDOFF);
    }

    @Test
    void refusesToRecordTransitionEventsAsFacts() {
        LifecycleMachine machine = machine(workspace, rulebook()).build();

        for (EventType type : List.of(EventType.CYCLE_CREATED, EventType.STATE_TRANSITION,
                EventType.TRANSITION_REFUSED, EventType.PLAN_UPDATED, EventType.CYCLE_COMPLETED)) {
            assertThatThrownBy(() -> machine.record(CYCLE, type, Map.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("advance()");
        }
        assertThat(Files.exists(log())).isFalse();
    }

    @Test
    void refusesTwoGatesOfTheSameName() {
        assertThatThrownBy(() -> LifecycleMachine.builder().gate(gate("lint", GateStatus.PASS))
                .gate(gate("lint", GateStatus.FAIL))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two gates are named 'lint'");
    }

    @Test
    void requiresTheEventStoreRulebookAndContextFactory() {
        assertThatThrownBy(() -> LifecycleMachine.builder().build()).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("eventStore");
        assertThat(Optional.of(machine(workspace, rulebook()).build())).isPresent();
    }

    @Test
    void reportsAWellChainedButImpossibleLogAtItsFileAndLine() {
        LifecycleMachine machine = machine(workspace, rulebook()).build();
        machine.create(CYCLE);
        FileEventStore store = new FileEventStore(workspace);
        RecordedEvent created = store.read(CYCLE).get(0);
        store.append(CYCLE, new PlanningEvent("evt_forged", Fixtures.NOW, EventType.STATE_TRANSITION,
                Optional.of(PLANNED), Optional.of(COMPLETED), CYCLE.toString(), "mallory", Map.of(), Map.of()),
                created.hash());

        assertThatThrownBy(() -> machine.status(CYCLE))
                .isInstanceOfSatisfying(EventLogCorruptedException.class, e -> assertThat(
                        e.location()).contains(new SourceLocation(
                                "frameworks/planning-fe/events/2025-09-02.events.jsonl", 2, 0)));
        assertThatThrownBy(() -> machine.advance(CYCLE, READY_FOR_HANDOFF))
                .isInstanceOf(EventLogCorruptedException.class);
    }

    /**
     * time41: evaluating a move's gates on a cycle whose log has no event is refused and runs no gate: a gate judges
     * deployments against the cycle's creation, which such a log does not record (the gates judged them against none).
     */
    @Test
    void evaluatingTheGatesOfACycleWhoseLogHasNoEventIsRefusedAndRunsNoGate() {
        AtomicInteger ran = new AtomicInteger();
        LifecycleMachine machine = machine(workspace, rulebook(step(READY_FOR_HANDOFF, PACKAGED, "first")))
                .gate(gate("first", GateStatus.PASS, c -> ran.incrementAndGet())).build();

        assertThatThrownBy(() -> machine.evaluate(CYCLE, Lifecycle.find(READY_FOR_HANDOFF, PACKAGED).orElseThrow(),
                Optional.empty(), false)).isInstanceOfSatisfying(PlanningException.class, e -> {
                    assertThat(e.getMessage()).startsWith("cycle fe/2025-09-02 has no event: the gates of ");
                    assertThat(e.location()).contains(
                            SourceLocation.ofFile("frameworks/planning-fe/events/2025-09-02.events.jsonl"));
                });
        assertThat(ran).hasValue(0);
    }
}
