package dev.planning.maven;

import dev.planning.api.InvalidInputException;
import dev.planning.api.NoSuchCycleException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.Printable;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.Severity;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.Planning;
import dev.planning.report.CiReports;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code planning:gate}: a dry run of one transition's gates, as {@code planning gate}; records
 * nothing. Writes {@code gate-<stream>-<cycle>.sarif} and {@code .junit.xml}; fails the build when
 * a gate fails. A transition whose profile step names no gate passes with a warning that no gate ran.
 * The cycle's state comes from its event log, read where the command reads it ({@code storeConfig}).
 */
@Mojo(name = "gate", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class GateMojo extends StoreMojo {

    /** The cycle's stream, e.g. {@code fe}. */
    @Parameter(property = "planning.stream", required = true)
    String stream;

    /** The cycle id, e.g. {@code 2025-09-02}. */
    @Parameter(property = "planning.cycle", required = true)
    String cycle;

    /** The target state, e.g. {@code READY_FOR_HANDOFF}. */
    @Parameter(property = "planning.to", required = true)
    String to;

    /**
     * Trust file of signing keys by role: a file outside the workspace and not tracked by git (one there is
     * refused). No default: no file of the workspace is ever read as a trust file.
     */
    @Parameter(property = "planning.trust")
    File trust;

    /** Said in the log and the summary when the transition's profile step names no gate. */
    static final String NO_GATES = "no gate ran: the profile names no gates for this transition";

    /** Creates the goal; Maven sets the parameters. */
    public GateMojo() {
    }

    @Override
    String goal() {
        return "gate";
    }

    @Override
    Verdict check() {
        CycleRef ref = new CycleRef(stream, cycle);
        CycleState target = state(to);
        PlanningWorkspace ws = openCompiled(Optional.ofNullable(trust));
        if (trust != null) {
            // Read now: a dry run may read no key, and a configured file that is missing or invalid is a
            // mistake to name, not a setting to ignore until the gate that needs it runs.
            Planning.keys().readTrustFile(trust.toPath(), ws.root());
        }
        requireExisting(ws, ref);
        List<GateResult> results = ws.dryRun(ref, target);
        String name = "gate-" + ref.stream() + "-" + ref.cycleId();
        write(name + ".sarif", CiReports.gatesSarif(ref, target.name(), results, ws.root(), baseDirectory.toPath()));
        write(name + ".junit.xml", CiReports.gatesJunit(ref, "-> " + target + " (dry run)", results));
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (GateResult result : results) {
            String gate = Printable.line(result.gate()) + ": ";
            lines(result.findings(), Severity.ERROR).forEach(line -> errors.add(gate + line));
            lines(result.findings(), Severity.WARNING).forEach(line -> warnings.add(gate + line));
        }
        if (results.isEmpty()) {
            // Nothing was checked: the build passes, as the command does, but its log says so.
            warnings.add(NO_GATES);
        }
        log(errors, warnings);
        String gates = results.isEmpty() ? NO_GATES
                : results.stream().map(r -> Printable.line(r.gate()) + " " + r.status())
                        .collect(Collectors.joining(", "));
        boolean passed = results.stream().allMatch(GateResult::passed);
        return new Verdict(passed, ref + " -> " + target + ": " + gates + (passed ? "" : ": gate failed"));
    }

    /**
     * Refuses a cycle that does not exist ({@link PlanningWorkspace#exists}), as {@code planning gate} does, with
     * the same message (the files looked for, the nearest cycles): its gates would each fail on the missing plan,
     * a failed check where the mistake is the configuration.
     */
    private static void requireExisting(PlanningWorkspace ws, CycleRef ref) {
        if (!ws.exists(ref)) {
            throw new NoSuchCycleException(ref, ws.layout(), ws.cycles());
        }
    }

    /** Parses the target state by name, case-insensitively; bad input names the allowed states. */
    static CycleState state(String name) {
        try {
            return CycleState.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("<to> must be one of " + Arrays.toString(CycleState.values())
                    + " (found \"" + name + "\")");
        }
    }
}
