package dev.planning.engine.internal.lint;

import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import dev.planning.api.SystemFailureException;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.Finding;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.store.EventStore;
import dev.planning.engine.internal.artifact.ErrorList;
import dev.planning.engine.internal.eventlog.CheckedLogs;
import dev.planning.engine.internal.eventlog.EventLogLint;
import dev.planning.engine.internal.eventlog.HistoryFold;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The selected cycles' event logs as the workspace's event store holds them, when that store is not the workspace's
 * files (store36: with a PostgreSQL store configured, {@code planning lint} linted the log files, which the commands
 * do not read): each cycle the store lists in the selected streams, and each selected cycle of the planning files, is
 * read as every command reads it (its chain verified) and its history folded as {@code status} folds it; every
 * mistake of each log is one finding at its line ({@link EventLogLint#EVENT_CHAIN}, {@link EventLogLint#EVENT_HISTORY}),
 * the first {@value ErrorList#MAX_SHOWN} of a log, then one counting the rest, as the file lint tells a log file's
 * (errs37: the first alone was told). A store that tells every mistake of a log ({@link CheckedLogs}: the PostgreSQL
 * store) is asked for them; of any other, a log whose chain does not verify is its read's one refusal, and a log that
 * reads is folded event by event ({@link HistoryFold}), each event that does not fit one finding. A store that does not
 * list its cycles is asked for the planning files' cycles alone; a store that cannot be read is one finding; a store
 * that cannot be reached fails lint (the system's failure, not the workspace's).
 */
final class StoreLogLint {

    private static final Comparator<CycleRef> ORDER = Comparator.comparing(CycleRef::stream)
            .thenComparing(CycleRef::cycleId);

    private StoreLogLint() {
    }

    /**
     * Lints the logs of {@code store} of the selected streams (and cycle), adding each log linted to {@code checked}
     * (as the store names it) and each mistake to {@code findings}.
     *
     * @param selected the cycles the planning files give for the selection
     * @return when each cycle whose log was read was created (its first event, as the gates take it): the one read
     *         of the log tells it, as {@link EventLogLint#created} tells a log file's (kpi38: lint read each log again
     *         for it); a cycle whose first line is a mistake is absent
     */
    static Map<CycleRef, Instant> lint(EventStore store, List<String> streams, Optional<String> cycleId,
            List<CycleRef> selected, List<Finding> findings, TreeSet<String> checked) {
        Map<CycleRef, Instant> created = new HashMap<>();
        TreeSet<CycleRef> cycles = new TreeSet<>(ORDER);
        cycles.addAll(selected);
        try {
            for (CycleRef listed : store.cycles()) {
                if (streams.contains(listed.stream()) && cycleId.map(listed.cycleId()::equals).orElse(true)) {
                    cycles.add(listed);
                }
            }
        } catch (UnsupportedOperationException cannotList) {
            // The store lists no cycles: the planning files' are asked for alone.
        } catch (SystemFailureException e) {
            throw e;
        } catch (PlanningException e) {
            findings.add(Finding.error(LintCodes.FILE_UNREADABLE, "cannot list the event store's cycles: "
                    + e.getMessage(), e.location().orElse(null)));
        }
        for (CycleRef cycle : cycles) {
            String location = store.location(cycle);
            if (store instanceof CheckedLogs all) {
                checked(all, cycle, location, findings, checked).ifPresent(at -> created.put(cycle, at));
                continue;
            }
            List<RecordedEvent> events;
            try {
                events = store.read(cycle);
            } catch (SystemFailureException e) {
                throw e;
            } catch (EventLogCorruptedException e) {
                checked.add(location);
                findings.add(finding(EventLogLint.EVENT_CHAIN, e, location));
                continue;
            } catch (PlanningException e) {
                checked.add(location);
                findings.add(finding(LintCodes.FILE_UNREADABLE, e, location));
                continue;
            }
            if (events.isEmpty()) {
                continue; // no log: as a cycle without a log file
            }
            checked.add(location);
            created.put(cycle, events.get(0).event().timestamp());
            List<Finding> mistakes = new ArrayList<>();
            HistoryFold history = new HistoryFold(location, e -> mistakes.add(finding(EventLogLint.EVENT_HISTORY, e,
                    location)));
            events.forEach(event -> history.next(event, false));
            findings.addAll(bounded(mistakes, location));
        }
        return created;
    }

    /** The cycle's log as a store that tells every mistake of it checks it; when the cycle was created. */
    private static Optional<Instant> checked(CheckedLogs store, CycleRef cycle, String location, List<Finding> findings,
            TreeSet<String> checked) {
        CheckedLogs.Checked log;
        try {
            log = store.check(cycle);
        } catch (SystemFailureException e) {
            throw e;
        } catch (PlanningException e) {
            checked.add(location);
            findings.add(finding(LintCodes.FILE_UNREADABLE, e, location));
            return Optional.empty();
        }
        if (log.lines() == 0 && log.mistakes().isEmpty()) {
            return Optional.empty(); // no log: as a cycle without a log file
        }
        checked.add(location);
        findings.addAll(bounded(log.mistakes(), location));
        return log.created();
    }

    /**
     * A log's first {@value ErrorList#MAX_SHOWN} mistakes, then one counting the rest, as the file lint bounds a log
     * file's (attack35: a log of millions of bad lines).
     */
    private static List<Finding> bounded(List<Finding> mistakes, String location) {
        if (mistakes.size() <= ErrorList.MAX_SHOWN) {
            return mistakes;
        }
        int more = mistakes.size() - ErrorList.MAX_SHOWN;
        List<Finding> shown = new ArrayList<>(mistakes.subList(0, ErrorList.MAX_SHOWN));
        shown.add(Finding.error(EventLogLint.EVENT_INVALID, "and " + more + " more finding" + (more == 1 ? "" : "s")
                + " in this log, not listed (" + more + " error" + (more == 1 ? "" : "s") + "); fix those above, then"
                + " lint again", SourceLocation.ofFile(location)));
        return shown;
    }

    private static Finding finding(String code, PlanningException e, String location) {
        return Finding.error(code, e.getMessage(), e.location().orElse(SourceLocation.ofFile(location)));
    }
}
