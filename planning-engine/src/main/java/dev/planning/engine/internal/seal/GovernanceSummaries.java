package dev.planning.engine.internal.seal;

import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.GovernanceSummary;
import dev.planning.api.artifact.Tag;
import dev.planning.api.gate.GateResult;
import dev.planning.api.governance.Waiver;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.artifact.DecisionLogReader;
import dev.planning.engine.internal.cycle.CycleArtifacts;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.SafePaths;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The governance summary of a handoff manifest, as {@code seal} writes it ({@link ManifestBuilder}) and as
 * {@code verify} derives it again from the sealed inputs ({@link VerdictCheck}): one computation for both, so
 * that what a signer is told the signature approves is compared with exactly what sealing writes.
 *
 * <ul>
 * <li>{@code tags}: every tag of every task of the cycle's task breakdown, as {@code key:value}, sorted, once
 * each;</li>
 * <li>{@code critical_violations}: the sealing step's {@code governance} verdict's count of unwaived critical
 * violations; 0 when no governance gate ran at that step (the {@code be} profile) or it counts none;</li>
 * <li>{@code waivers}: that verdict's {@code waivers_used} when it lists them (the built-in gate always does);
 * otherwise the cycle's decision log's waivers in force on the day the sealing step judged, read as the gates
 * read it (none from a log naming another cycle or stream);</li>
 * <li>{@code decision_log_ref}: the cycle's decision log when it is there.</li>
 * </ul>
 */
final class GovernanceSummaries {

    /** The evidence key of a governance verdict's unwaived critical count. */
    static final String CRITICAL_VIOLATIONS = "critical_violations";

    private GovernanceSummaries() {
    }

    /**
     * The summary of a cycle's handoff.
     *
     * @param root     the workspace when sealing; the directory of the sealed inputs when verifying
     * @param sealing  the gate results of the sealing step ({@code READY_FOR_HANDOFF -> PACKAGED})
     * @param judgedAt the instant that step judged as of: its day is the day the decision log's waivers are taken on
     */
    static GovernanceSummary of(Path root, WorkspaceLayout layout, CycleRef cycle, List<GateResult> sealing,
            Instant judgedAt) {
        Set<String> tags = new TreeSet<>();
        new CycleArtifacts(root, layout).taskBreakdown(cycle).ifPresent(plan -> plan.tasks()
                .forEach(task -> task.tags().values().stream().map(Tag::toString).forEach(tags::add)));
        String logPath = layout.decisionLog(cycle);
        Optional<String> decisionLog = DirectoryEntries.isRegularFile(root, SafePaths.resolve(root, logPath),
                "the manifest cannot name the decision log without it")
                ? Optional.of(logPath) : Optional.empty();
        Optional<Map<String, Object>> evidence = governance(sealing).map(GateResult::evidence);
        // A whole number from 0 to Integer.MAX_VALUE when present: GateRun fails a governance gate that gives
        // another (gate.error), so a passing verdict's count is never wrapped or zeroed here.
        int critical = evidence.map(e -> e.get(CRITICAL_VIOLATIONS))
                .filter(Number.class::isInstance).map(n -> ((Number) n).intValue()).orElse(0);
        List<Waiver> waivers = waiversListed(sealing).map(GovernanceSummaries::waivers)
                .orElseGet(() -> decisionLogWaivers(root, cycle, decisionLog, day(judgedAt)));
        return new GovernanceSummary(List.copyOf(tags), critical, waivers, decisionLog);
    }

    /** The sealing step's governance verdict, when a governance gate ran at that step. */
    static Optional<GateResult> governance(List<GateResult> sealing) {
        return sealing.stream().filter(r -> r.gate().equals("governance")).findFirst();
    }

    /** The {@code waivers_used} the sealing step's governance verdict lists; empty when none ran or it lists none. */
    static Optional<List<?>> waiversListed(List<GateResult> sealing) {
        return governance(sealing).map(r -> r.evidence().get(TrustedDay.WAIVERS_USED))
                .filter(List.class::isInstance).map(list -> (List<?>) list);
    }

    /** The UTC day of an instant: the day waivers are judged in force on. */
    static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    private static List<Waiver> waivers(List<?> used) {
        List<Waiver> waivers = new ArrayList<>();
        for (Object item : used) {
            if (!(item instanceof Map<?, ?> w) || w.get("expires") == null) {
                continue;
            }
            try {
                waivers.add(new Waiver(String.valueOf(w.get("rule")), String.valueOf(w.get("item")),
                        String.valueOf(w.get("reason")), String.valueOf(w.get("approver")),
                        LocalDate.parse(String.valueOf(w.get("expires")))));
            } catch (DateTimeParseException e) {
                // A gate of one's own listing an expiry that is no date: not summarised, as one with none; verify
                // compares the summary with the list as the gate gives it, so the waiver left out is reported.
            }
        }
        return waivers;
    }

    /**
     * The decision log's waivers in force on {@code day}, read as the gates read it ({@code readFor}): a log whose
     * {@code cycle_id} or {@code stream} names another cycle waives nothing here either (review38a).
     */
    private static List<Waiver> decisionLogWaivers(Path root, CycleRef cycle, Optional<String> decisionLog,
            LocalDate day) {
        return decisionLog.flatMap(path -> new DecisionLogReader().readFor(SafePaths.resolve(root, path), path, cycle)
                .model())
                .map(all -> all.stream().filter(w -> w.activeOn(day)).toList())
                .orElse(List.of());
    }
}
