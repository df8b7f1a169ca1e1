package dev.planning.engine.internal.lifecycle;

import dev.planning.api.PlanningException;
import dev.planning.api.Printable;
import dev.planning.api.SystemFailureException;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.gate.Severity;
import dev.planning.api.governance.EvaluationLimitException;
import dev.planning.engine.internal.workspace.UnreadableInputException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs resolved gates in order. A gate that throws fails instead of aborting the transition: the
 * attempt is still recorded, with the failure as a finding ({@code gate.error} for a
 * {@link PlanningException}, {@code gate.crashed} for any other exception, a {@link dev.planning.api.gate.GateResult.InvalidEvidenceException}
 * included: evidence that is not JSON cannot be made). An {@link Error}, a
 * {@link LinkageError} included (a plug-in's class or native library missing), is no verdict of the gate:
 * it propagates and no attempt is recorded. The exception among exceptions is an
 * {@link EvaluationLimitException}: an evaluation stopped by its bounds reached no verdict, so it
 * propagates and no attempt is recorded, as for a rulebook that does not compile. A finding about
 * a file that does not exist is placed at the gate's profile entry ({@link MissingFileFindings}). A
 * {@code governance} gate whose {@code critical_violations} is no whole number an {@code int} holds fails with
 * {@code gate.error} ({@link #criticalCountMistake}).
 */
final class GateRun {

    /** Code of the finding for a gate that threw a {@link PlanningException}. */
    static final String GATE_ERROR = "gate.error";
    /** Code of the finding for a gate that threw anything else, or returned nothing. */
    static final String GATE_CRASHED = "gate.crashed";
    /** The gate whose evidence's {@link #CRITICAL_VIOLATIONS} a handoff's governance summary records. */
    private static final String GOVERNANCE = "governance";
    /** The evidence key of a governance verdict's unwaived critical count. */
    private static final String CRITICAL_VIOLATIONS = "critical_violations";

    private GateRun() {
    }

    /**
     * One result per gate, in order; each result carries the name the profile used. Each gate sees
     * the results of the gates before it as {@link GateContext#priorResults()}.
     */
    static List<GateResult> run(Map<String, Gate> gates, GateContext context) {
        List<GateResult> results = new ArrayList<>(gates.size());
        gates.forEach((name, gate) -> results.add(runOne(name, gate,
                new PriorResultsContext(context, results, Optional.empty()))));
        return results;
    }

    /**
     * As {@link #run(Map, GateContext)}, every gate judging as of {@code at}: its
     * {@link GateContext#clock()} is fixed there and {@link GateContext#today()} is that instant's day,
     * so a run that spans midnight judges one day, the day its evidence names.
     */
    static List<GateResult> run(Map<String, Gate> gates, GateContext context, Instant at) {
        Optional<Clock> fixed = Optional.of(Clock.fixed(at, context.clock().getZone()));
        List<GateResult> results = new ArrayList<>(gates.size());
        gates.forEach((name, gate) -> results.add(runOne(name, gate, new PriorResultsContext(context, results, fixed))));
        return results;
    }

    private static GateResult runOne(String name, Gate gate, GateContext context) {
        GateResult result;
        try {
            result = gate.evaluate(context);
        } catch (EvaluationLimitException e) {
            // No verdict was reached (the rulebook overran its time, memory or stack): nothing to record.
            throw e;
        } catch (UnreadableInputException | SystemFailureException e) {
            // An input the user may not read, or a read the system failed: no verdict was reached either (it is no
            // finding about the plans).
            throw e;
        } catch (PlanningException e) {
            return failed(name, new Finding(GATE_ERROR, Severity.ERROR, "gate " + name + " failed: " + e.getMessage(),
                    e.location(), Optional.empty()));
        } catch (Exception e) {
            // A plug-in gate's bug must not hide the attempt: it is recorded as a failed gate. An Error, a
            // LinkageError (a class or native library missing) included, is the environment's, no verdict of
            // the gate: it ends the run as it is (the CLI's exit 3), recording nothing, as any other Error.
            String detail = e.getMessage() == null ? "" : ": " + e.getMessage();
            return failed(name, new Finding(GATE_CRASHED, Severity.ERROR, "gate " + name + " crashed: "
                    + e.getClass().getName() + detail, Optional.empty(), Optional.empty()));
        }
        if (result == null) {
            return failed(name, new Finding(GATE_CRASHED, Severity.ERROR, "gate " + name + " returned no result",
                    Optional.empty(), Optional.empty()));
        }
        // The status as given, unless the result lists an error: GateResult's constructor takes a PASS
        // beside error findings, and a gate that does not derive its status (GateResult.of) fails closed.
        GateStatus status = result.status() != GateStatus.FAIL
                && result.findings().stream().anyMatch(f -> f.severity() == Severity.ERROR) ? GateStatus.FAIL : result.status();
        Optional<String> count = criticalCountMistake(name, result.evidence());
        if (count.isPresent()) {
            return failed(name, new Finding(GATE_ERROR, Severity.ERROR, "gate " + name + " failed: " + count.get(),
                    Optional.empty(), Optional.empty()));
        }
        GateResult named = result.gate().equals(name) && status == result.status() ? result
                : new GateResult(name, status, result.findings(), result.evidence());
        return WaiverFindings.locate(MissingFileFindings.relocate(name, named, context), context);
    }

    /**
     * What is wrong with a {@code governance} gate's {@code critical_violations}, which the handoff manifest's
     * governance summary records as its count of unwaived critical violations: present, it must be a whole number
     * from 0 to {@link Integer#MAX_VALUE}. A gate of one's own can give any JSON number (-1, 2^32, 2.5) or text; one
     * taken as it is would fail sealing with an internal error, or be summarised wrapped (2^32 as 0): it fails the
     * gate instead (fail closed). Absent, the gate counts none.
     */
    static Optional<String> criticalCountMistake(String gate, Map<String, Object> evidence) {
        if (!gate.equals(GOVERNANCE) || !evidence.containsKey(CRITICAL_VIOLATIONS)) {
            return Optional.empty();
        }
        Object value = evidence.get(CRITICAL_VIOLATIONS);
        if (value instanceof Number number) {
            // A JSON number (GateResult refuses any other, NaN and the infinities included), exactly as written.
            BigDecimal count = new BigDecimal(number.toString());
            if (count.signum() >= 0 && count.stripTrailingZeros().scale() <= 0
                    && count.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
                return Optional.empty();
            }
        }
        // A gate of one's own gives any text: quoted on one line and cut (text40), as every message quotes a value.
        String shown = value instanceof String text ? "the text \"" + Printable.cut(text, Printable.VALUE_CHARACTERS) + "\""
                : String.valueOf(value);
        return Optional.of("its evidence's " + CRITICAL_VIOLATIONS + " is " + shown + ", not a whole number from 0 to "
                + Integer.MAX_VALUE + " (the handoff's count of unwaived critical violations)");
    }

    private static GateResult failed(String name, Finding finding) {
        return new GateResult(name, GateStatus.FAIL, List.of(finding), Map.of());
    }
}
