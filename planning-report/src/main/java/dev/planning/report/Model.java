package dev.planning.report;

import dev.planning.api.artifact.DigestSummary;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.artifact.ImprovementAction;
import dev.planning.api.artifact.Task;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.governance.Waiver;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.seal.VerificationReport;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The facts the pages show, gathered once from the workspace by {@link WorkspaceReader}. */
final class Model {

    private Model() {
    }

    /** One finding of a gate run, as its evidence file records it. */
    record FindingRow(String gate, String code, String severity, String message, Optional<String> file, int line,
            int column, Optional<String> task) {
    }

    /** One governance violation (or waived violation) with the waiver that covers it, if any. */
    record ViolationRow(String rule, String item, String severity, String message, Map<String, String> values,
            Optional<String> location, Optional<Waiver> waiver) {
    }

    /** One gate's run within an attempt. */
    record GateRun(String gate, String status, Optional<String> evidencePath, List<FindingRow> findings,
            List<ViolationRow> violations, Optional<String> problem) {
    }

    /** One attempt to move the cycle (accepted or refused), or its creation. */
    record Attempt(int number, PlanningEvent event, boolean accepted, List<GateRun> gates) {

        CycleState from() {
            return event.fromState().orElse(CycleState.PLANNED);
        }

        CycleState to() {
            return event.toState().orElse(CycleState.PLANNED);
        }
    }

    /** A signing requirement and how far the manifest's verified signatures meet it (none without keys). */
    record SigningRow(String requirement, List<String> roles, int min, int signed, boolean met) {
    }

    /** An improvement action and where it went: the later cycle whose plan carries it. */
    record ActionRow(ImprovementAction action, Optional<String> carriedInto, Optional<String> carriedAs) {
    }

    /** One point of a KPI's trend. */
    record Point(String cycleId, double value) {
    }

    /** A KPI of one cycle with its trend over the stream's cycles (oldest first, this one last). */
    record KpiTrend(String name, String unit, String direction, Optional<Double> actual, Optional<Double> target,
            List<Point> points) {
    }

    /**
     * A problem reading one cycle, shown on its page and, under {@code kind}, in "needs attention": its kind is told
     * where it is found, never from its text (improve40: a digest its cycle did not publish was listed "Unreadable").
     *
     * @param kind what went wrong, e.g. {@link #UNREADABLE} or {@link #DIGEST_NOT_PUBLISHED}
     * @param text the problem, naming the file and why
     */
    record Problem(String kind, String text) {

        /**
         * The problem as the cycle's page lists it, without its kind: a broken chain as {@code planning status}
         * prints it ({@code BROKEN CHAIN: ...}); the "needs attention" list shows the kind before the text, once.
         */
        String shown() {
            return kind.equals(BROKEN_CHAIN) ? "BROKEN CHAIN: " + text : text;
        }

        /** A file that cannot be read, or reads with a mistake. */
        static final String UNREADABLE = "Unreadable";
        /** An event log whose hash chain does not hold. */
        static final String BROKEN_CHAIN = "Broken chain";
        /** A digest its cycle's event log does not record it published (as it is). */
        static final String DIGEST_NOT_PUBLISHED = "Digest not published";
        /** A digest whose publication cannot be checked, its cycle's event log being unreadable. */
        static final String DIGEST_UNCHECKED = "Digest unchecked";

        static Problem unreadable(String text) {
            return new Problem(UNREADABLE, text);
        }
    }

    /**
     * Everything shown about one cycle; {@code unsignedHistory} is what {@code planning status} reports of
     * a history past {@code PACKAGED} that no verifying manifest backs (empty when it holds or is not past it);
     * {@code digestProblem} why the cycle's digest, there, is not shown (unreadable, or not the one published).
     */
    record CycleView(CycleRef ref, String page, Optional<CycleState> state, List<PlanningEvent> events,
            List<Attempt> attempts, Map<String, String> latestGates, Optional<HandoffManifest> manifest,
            Optional<VerificationReport> verification, List<SigningRow> signing, List<Waiver> waivers,
            List<ActionRow> actions, List<Task> tasks, Optional<String> planPath, Optional<DigestSummary> digest,
            Optional<Problem> digestProblem, List<KpiTrend> kpis, List<Problem> problems,
            List<String> unsignedHistory) {

        /** The last accepted transition (or the creation), if any. */
        Optional<PlanningEvent> lastTransition() {
            for (int i = events.size() - 1; i >= 0; i--) {
                PlanningEvent e = events.get(i);
                if (e.type() == dev.planning.api.event.EventType.STATE_TRANSITION
                        || e.type() == dev.planning.api.event.EventType.CYCLE_COMPLETED
                        || e.type() == dev.planning.api.event.EventType.CYCLE_CREATED) {
                    return Optional.of(e);
                }
            }
            return Optional.empty();
        }

        /** The governance violations of the latest governance run. */
        List<ViolationRow> violations() {
            for (int i = attempts.size() - 1; i >= 0; i--) {
                for (GateRun run : attempts.get(i).gates()) {
                    if (run.gate().equals("governance") && run.evidencePath().isPresent() && run.problem().isEmpty()) {
                        return run.violations();
                    }
                }
            }
            return List.of();
        }
    }

    /** The whole site's facts. */
    record Site(String rulebookVersion, String rulebookHash, LocalDate asOf, boolean trustGiven,
            List<CycleView> cycles, List<Attention> attention, Map<String, SourceFile> sources) {
    }

    /**
     * A workspace file shown as a source view, with the lines findings point at; its text is read when
     * its page is written ({@link WorkspaceReader.Sources}).
     */
    record SourceFile(String path, String page, Map<Integer, List<FindingRow>> marks) {
    }
}
