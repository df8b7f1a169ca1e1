package dev.planning.testkit.gate;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.planning.api.PlanningException;
import dev.planning.api.SystemFailureException;
import dev.planning.api.artifact.Priority;
import dev.planning.api.artifact.Task;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.LintReport;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Gate} must meet, as a JUnit 5 test class to extend: a gate author
 * subclasses it, supplies the gate and, optionally, contexts that exercise what the gate checks; each
 * test then checks one promise of the SPI on those contexts and on the kit's own (a cycle with nothing
 * planned, a plan of two tasks, the move into {@code VALIDATED} with nothing imported).
 *
 * <pre>{@code
 * class P0DueDateGateContractTest extends GateContract {
 *     @Override
 *     protected Gate newGate() {
 *         return new P0DueDateGate();
 *     }
 *
 *     @Override
 *     protected List<GateContext> contexts() {
 *         return List.of(GateContextFixture.builder(new CycleRef("fe", "2025-09-02"))
 *                 .tasks(Task.builder("FE-1", "Checkout").priority(Priority.P0).build()).build());
 *     }
 * }
 * }</pre>
 *
 * <p>What it checks, each in its own test: the name is a gate name ({@code [a-z][a-z0-9_]*}) and the
 * description one line; every context gets a verdict (never {@code null}; a refusal of the context, a
 * {@link PlanningException}, may pass through, any other exception is a crash, and so is a
 * {@link SystemFailureException}, which ends the engine's run with no verdict), named after the gate,
 * whose status is the one its findings give ({@link GateResult#of}: {@code FAIL} exactly when an
 * error is found); its evidence holds JSON values only (strings, numbers, booleans, {@code null},
 * lists and string-keyed maps of them, at most {@link GateResult#MAX_EVIDENCE_DEPTH} deep: the engine
 * writes it as JSON), which {@link GateResult} itself refuses otherwise when the gate makes its result
 * ({@link GateResult.InvalidEvidenceException}), reported by that test alone; the same context gets the
 * same verdict, findings and evidence included, from the same instance and from a new one ({@code
 * verify} recomputes a sealed verdict from the sealed inputs and must get what was sealed); runs on
 * several threads at once get the verdicts of runs one at a time (the engine builds one instance
 * and runs it from every thread); and the gate reads the workspace through its context only, never
 * {@link GateContext#workspace()} (unless {@link #handsTheWorkspaceToATool()} says it does).
 *
 * <p>The kit's contexts are {@link GateContextFixture}'s, each given an empty, passing lint report;
 * reading files or outcomes they were not given answers "none", as the fixture does.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public abstract class GateContract {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");
    private static final int THREADS = 4;
    private static final int ROUNDS = 8;

    /**
     * A new instance of the gate under test. Called several times per test.
     *
     * @return the gate, never {@code null}
     */
    protected abstract Gate newGate();

    /**
     * Contexts the gate is checked on beside the kit's own: those that exercise what it checks (a
     * plan it passes, one it fails), usually built with {@link GateContextFixture}. Called once per
     * test; by default none.
     *
     * @return the contexts, never {@code null}
     */
    protected List<GateContext> contexts() {
        return List.of();
    }

    /**
     * Whether the gate hands the workspace directory to an external tool through
     * {@link GateContext#workspace()}, the one use that method has. By default {@code false}: a call is
     * then a failure, since the gate would read the disk behind its context (and a fixture's workspace
     * does not exist).
     *
     * @return whether the gate may call {@link GateContext#workspace()}
     */
    protected boolean handsTheWorkspaceToATool() {
        return false;
    }

    /** The name profiles refer to is {@code [a-z][a-z0-9_]*}, the same on every call and every instance. */
    @Test
    void theNameIsAGateName() {
        Gate gate = newGate();
        assertThat(gate.name()).as("Gate.name()").isNotNull().matches("[a-z][a-z0-9_]*");
        assertThat(gate.name()).as("name() on a second call").isEqualTo(gate.name());
        assertThat(newGate().name()).as("name() of a new instance").isEqualTo(gate.name());
    }

    /** The description, shown in listings, is one line of text. */
    @Test
    void theDescriptionIsOneLine() {
        String description = newGate().description();
        assertThat(description).as("Gate.description()").isNotNull().isNotBlank().doesNotContain("\n", "\r");
    }

    /**
     * Every context gets a verdict named after the gate, never {@code null} and never a crash, whose
     * status is the one its findings give.
     */
    @Test
    void everyContextGetsAVerdictNamedAfterTheGateWithTheStatusItsFindingsGive() {
        Gate gate = newGate();
        for (GateContext context : allContexts()) {
            Optional<GateResult> verdict = evaluate(gate, context);
            if (verdict.isEmpty()) {
                continue;
            }
            GateResult result = verdict.get();
            assertThat(result.gate()).as("the verdict's gate name on %s", context).isEqualTo(gate.name());
            assertThat(result.status()).as("the status of a verdict with findings %s on %s", result.findings(), context)
                    .isEqualTo(GateResult.of(result.gate(), result.findings(), Map.of()).status());
            for (Finding finding : result.findings()) {
                assertThat(finding).as("a finding on %s", context).isNotNull();
            }
        }
    }

    /**
     * The evidence holds JSON values only, nested at most {@link GateResult#MAX_EVIDENCE_DEPTH} deep: the engine
     * writes it to the cycle's evidence as JSON. {@link GateResult} refuses any other when the gate makes its
     * result, so this reports the refusal, naming where in the evidence the value is.
     */
    @Test
    void theEvidenceHoldsJsonValuesOnly() {
        Gate gate = newGate();
        for (GateContext context : allContexts()) {
            try {
                verdict(gate, context);
            } catch (GateResult.InvalidEvidenceException refused) {
                fail(refused.getMessage() + ", on " + context + " (GateResult refuses it: the engine records the"
                        + " run as crashed, a failed gate)", refused);
            }
        }
    }

    /**
     * The same context gets the same verdict, findings and evidence included, from the same instance
     * and from a new one: {@code verify} recomputes a sealed verdict and compares.
     */
    @Test
    void theSameContextGetsTheSameVerdict() {
        Gate gate = newGate();
        for (GateContext context : allContexts()) {
            Optional<GateResult> first = evaluate(gate, context);
            assertThat(evaluate(gate, context)).as("a second run of the same instance on %s", context).isEqualTo(first);
            assertThat(evaluate(newGate(), context)).as("a run of a new instance on %s", context).isEqualTo(first);
        }
    }

    /** Runs on several threads at once get the verdicts of runs one at a time. */
    @Test
    void runsOnSeveralThreadsAtOnceGetTheVerdictsOfRunsOneAtATime() throws InterruptedException {
        List<GateContext> contexts = allContexts();
        List<Optional<GateResult>> alone = new ArrayList<>();
        for (GateContext context : contexts) {
            alone.add(evaluate(newGate(), context));
        }
        Gate shared = newGate();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<Optional<GateResult>>>> runs = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Callable<List<Optional<GateResult>>> run = () -> {
                    List<Optional<GateResult>> seen = new ArrayList<>();
                    for (int round = 0; round < ROUNDS; round++) {
                        for (GateContext context : contexts) {
                            seen.add(evaluate(shared, context));
                        }
                    }
                    return seen;
                };
                runs.add(pool.submit(run));
            }
            for (Future<List<Optional<GateResult>>> run : runs) {
                List<Optional<GateResult>> seen = get(run);
                for (int i = 0; i < seen.size(); i++) {
                    assertThat(seen.get(i)).as("a concurrent run on %s", contexts.get(i % contexts.size()))
                            .isEqualTo(alone.get(i % contexts.size()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The gate reads the workspace through its context, never through {@link GateContext#workspace()}. */
    @Test
    void theWorkspaceIsReadThroughTheContextOnly() {
        if (handsTheWorkspaceToATool()) {
            return;
        }
        for (GateContext context : allContexts()) {
            AtomicInteger calls = new AtomicInteger();
            GateContext watched = watching(context, calls);
            evaluate(newGate(), watched);
            assertThat(calls.get()).as("calls of GateContext.workspace() on %s: a gate reads the workspace through"
                    + " files() and the parsed artifacts; override handsTheWorkspaceToATool() if it hands the"
                    + " directory to an external tool", context).isZero();
        }
    }

    /** The kit's contexts, then the implementer's. */
    private List<GateContext> allContexts() {
        List<GateContext> all = new ArrayList<>();
        LintReport clean = new LintReport(List.of(), List.of());
        all.add(GateContextFixture.builder(CYCLE).lint(clean).build());
        all.add(GateContextFixture.builder(CYCLE).lint(clean)
                .tasks(Task.builder("FE-1", "Checkout").owner("alice").priority(Priority.P0).effort(5)
                                .due(LocalDate.of(2025, 9, 12)).tags("criticality:1").build(),
                        Task.builder("FE-2", "Refunds").build())
                .build());
        all.add(GateContextFixture.builder(CYCLE).lint(clean).transition(CycleState.EXECUTED, CycleState.VALIDATED)
                .tasks(Task.builder("FE-1", "Checkout").owner("alice").build()).build());
        List<GateContext> own = contexts();
        assertThat(own).as("contexts()").isNotNull().doesNotContainNull();
        all.addAll(own);
        return all;
    }

    /**
     * The verdict; empty when the context refused something the gate asked (a {@link PlanningException}), or
     * when {@link GateResult} refused the gate's evidence, which {@link #theEvidenceHoldsJsonValuesOnly} reports.
     */
    private static Optional<GateResult> evaluate(Gate gate, GateContext context) {
        try {
            return verdict(gate, context);
        } catch (GateResult.InvalidEvidenceException judgedByItsOwnTest) {
            return Optional.empty();
        }
    }

    /** As {@link #evaluate}, a refusal of the gate's evidence thrown as it is. */
    private static Optional<GateResult> verdict(Gate gate, GateContext context) {
        GateResult result;
        try {
            result = gate.evaluate(context);
        } catch (SystemFailureException failed) {
            // No refusal of the context: the engine records no attempt and the run ends (exit 3). Taken for one, a
            // gate that said the system failed on every context passed every promise unchecked (fail36).
            throw new AssertionError(gate.name() + " said the system failed on " + context + " (the engine records no"
                    + " attempt and ends the run: no verdict): " + failed, failed);
        } catch (PlanningException refused) {
            // The engine records it as a gate.error finding: the transition is refused, nothing passes.
            return Optional.empty();
        } catch (GateResult.InvalidEvidenceException notJson) {
            throw notJson;
        } catch (RuntimeException crash) {
            throw new AssertionError(gate.name() + " crashed on " + context + " (the engine records a gate.crashed"
                    + " finding; report a finding instead): " + crash, crash);
        }
        if (result == null) {
            fail(gate.name() + " returned null on " + context);
        }
        return Optional.of(result);
    }

    /** {@code context}, counting the calls of {@link GateContext#workspace()}. */
    private static GateContext watching(GateContext context, AtomicInteger calls) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("workspace") && method.getParameterCount() == 0) {
                calls.incrementAndGet();
            }
            if (method.getName().equals("toString") && method.getParameterCount() == 0) {
                return context.toString();
            }
            try {
                return method.invoke(context, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (GateContext) Proxy.newProxyInstance(GateContract.class.getClassLoader(),
                new Class<?>[] {GateContext.class}, handler);
    }

    private static <T> T get(Future<T> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError assertion) {
                throw assertion;
            }
            throw new AssertionError("a concurrent run failed: " + e.getCause(), e.getCause());
        }
    }
}
