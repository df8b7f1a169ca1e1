package dev.planning.engine.internal.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every input a KPI formula can read, documented. Besides these, {@code prev_<name>} is the value
 * of input {@code <name>} in the previous cycle's digest, when that digest measured it.
 */
public final class KpiInputCatalog {

    /** The prefix of an input taken from the previous cycle's digest. */
    public static final String PREVIOUS = "prev_";

    private static final String ITEMS = "Work items are the plan's leaves: the items no other item names as parent (a story broken into tasks counts through its tasks; the parity gate counts the same way).";

    /** All inputs, grouped by source. */
    public static final List<KpiInput> INPUTS = List.of(
            // plan
            new KpiInput("planned_tasks", "count", "plan", ITEMS + " All work items of the cycle's task breakdown, dropped ones included."),
            new KpiInput("done_tasks", "count", "plan", "Work items delivered: status done, or listed under `tasks` of a successful deployment and not dropped (a dropped item stays dropped)."),
            new KpiInput("dropped_tasks", "count", "plan", "Work items with status dropped (descoped)."),
            new KpiInput("carried_tasks", "count", "plan", "Work items that are an improvement action `planning improve` carried: the item's id is the action's, and its `origin` names that action of the digest another cycle of the stream published (its event log records the file's SHA-256) and then completed (`COMPLETED` as the workspace's status reads it with its trusted keys: a history past PACKAGED backed by a sealed manifest that verifies); any other origin counts for nothing, as the parity gate exempts only these."),
            new KpiInput("planned_points", "points", "plan", "Sum of `effort` over all work items (an item without effort counts 0)."),
            new KpiInput("done_points", "points", "plan", "Sum of `effort` over delivered work items."),
            new KpiInput("dropped_points", "points", "plan", "Sum of `effort` over dropped work items."),
            new KpiInput("cross_stream_dependencies", "count", "plan", "Dependencies of work items on another stream's tasks (`be:PLN-BE-001`). Absent when the plan has none."),
            new KpiInput("cross_stream_dependencies_fulfilled", "count", "plan", "Those whose task is done in the other stream's plan, or for which the stream's contracts file declares a contract with status agreed or delivered (a stub does not count). Absent when the plan has none."),
            // events
            new KpiInput("gate_runs", "count", "events", "Gate results recorded by transition attempts (accepted and refused) in the cycle's event log."),
            new KpiInput("gate_passes", "count", "events", "Of those, results PASS or WARN."),
            new KpiInput("gate_reruns", "count", "events", "gate_runs minus gates_distinct: runs of a gate check that had already run (after a refusal)."),
            new KpiInput("gates_distinct", "count", "events", "Distinct gate checks run; a check is one gate at one transition (schema_lint before the handoff and at packaging are two)."),
            new KpiInput("gates_first_pass", "count", "events", "Gate checks whose first run passed."),
            new KpiInput("cross_stream_first_pass", "flag (1/0)", "events", "1 when the first run of cross_stream_consistency passed, 0 when it failed; absent when it never ran."),
            new KpiInput("mean_time_to_green_hours", "hours", "events", "Mean, over gate checks that eventually passed, of the time from the check's first run to its first passing run (0 for a check green at once). Absent when no check passed."),
            new KpiInput("transitions_accepted", "count", "events", "Accepted transition attempts."),
            new KpiInput("transitions_refused", "count", "events", "Refused transition attempts."),
            new KpiInput("plan_updates", "count", "events", "PLAN_UPDATED events: recorded changes of the plan while PLANNED."),
            new KpiInput("handoffs_attempted", "count", "events", "Attempts of READY_FOR_HANDOFF -> PACKAGED."),
            new KpiInput("handoffs_accepted", "count", "events", "Accepted attempts of READY_FOR_HANDOFF -> PACKAGED."),
            new KpiInput("handoff_on_time", "flag (1/0)", "events", "1 when the cycle first reached PACKAGED on or before the latest `due` date of its work items, else 0; absent without due dates or before the handoff."),
            new KpiInput("lead_time_hours", "hours", "events", "From CYCLE_CREATED to the first accepted move into VALIDATED; absent before."),
            new KpiInput("cycle_time_hours", "hours", "events", "From the first accepted move into PACKAGED (the handoff) to the first into VALIDATED; absent before."),
            new KpiInput("cycle_days", "days", "events", "UTC calendar days from CYCLE_CREATED to the latest event (DIGEST_PUBLISHED excluded), both days counted: at least 1, so a cycle run in an afternoon took 1 day, not a fraction of one."),
            // outcomes: tests
            new KpiInput("tests_total", "count", "outcomes", "Test cases in the imported JUnit XML reports; absent when none was imported."),
            new KpiInput("tests_passed", "count", "outcomes", "Test cases that neither failed, errored nor were skipped."),
            new KpiInput("tests_failed", "count", "outcomes", "Test cases with a failure or an error."),
            new KpiInput("tests_skipped", "count", "outcomes", "Skipped test cases."),
            // outcomes: coverage
            new KpiInput("coverage_unit_line_pct", "percent", "outcomes", "Covered lines / lines, summed over the imported JaCoCo and LCOV reports whose file name does not contain `e2e`; absent without such a report."),
            new KpiInput("coverage_e2e_line_pct", "percent", "outcomes", "The same over reports whose file name contains `e2e`."),
            // outcomes: accessibility
            new KpiInput("a11y_passes", "count", "outcomes", "Passed rule results over the imported axe-core results (one per rule and page); absent when none was imported."),
            new KpiInput("a11y_violations", "count", "outcomes", "Violated rule results."),
            new KpiInput("a11y_incomplete", "count", "outcomes", "Rule results axe could not decide (to review by hand)."),
            new KpiInput("a11y_violations_critical", "count", "outcomes", "Violated rule results of impact critical."),
            new KpiInput("a11y_violations_serious", "count", "outcomes", "Violated rule results of impact serious."),
            // outcomes: defects
            new KpiInput("defects_total", "count", "outcomes", "Defects listed under `defects` in the imported deployments files; absent when no file has a `defects` list."),
            new KpiInput("defects_critical", "count", "outcomes", "Defects of severity critical."),
            new KpiInput("defects_high", "count", "outcomes", "Defects of severity high."),
            new KpiInput("defects_medium", "count", "outcomes", "Defects of severity medium."),
            new KpiInput("defects_low", "count", "outcomes", "Defects of severity low."),
            new KpiInput("defects_escaped", "count", "outcomes", "Defects found after_release."),
            // outcomes: DORA
            new KpiInput("deployments_total", "count", "outcomes", "Deployments in the imported deployments files; absent when none was imported."),
            new KpiInput("deployments_failed", "count", "outcomes", "Deployments that failed (DORA change fail): status failure, or linked to an incident, by its caused_by or by the file's incident_window_hours."),
            new KpiInput("deployments_rework", "count", "outcomes", "Rework deployments (DORA deployment rework rate): unplanned deployments made to fix an incident, i.e. with `remediates: INC-...`."),
            new KpiInput("failed_deployment_recovery_hours", "hours", "outcomes", "DORA failed deployment recovery time: the median over failed deployments, each once, of the time to recover: the first linked incident's start to the last one's end for a deployment incidents are linked to; deployment to the next successful deployment, of any file imported, for a failure without an incident. A failure not yet recovered (a linked incident open, or no successful deployment after it) ranks after every recovered one, so the figure is never below the median the recoveries will give; absent when the median falls on such a failure, or there is no failed deployment."),
            new KpiInput("deployment_period_days", "days", "outcomes", "Days covered by the files' `period` (summed over files); absent when a file has no period."),
            new KpiInput("lead_time_for_changes_hours", "hours", "outcomes", "DORA lead time for changes: the median, over every commit of every successful deployment, of deployment time minus commit time (the mean of the two middle values for an even count); absent without such commits."),
            new KpiInput("time_to_restore_hours", "hours", "outcomes", "Time to restore service (DORA's former fourth metric): the median of end minus start over incidents, an incident still open ranking after every ended one; absent when the median falls on an open one, or there is no incident."),
            // manifest
            new KpiInput("critical_violations", "count", "manifest", "`governance.critical_violations` of the cycle's sealed handoff manifest; absent before sealing."));

    private static final Map<String, KpiInput> BY_NAME = index();

    private KpiInputCatalog() {
    }

    /** The documentation of an input, {@code prev_} inputs included. */
    public static Optional<KpiInput> find(String name) {
        if (name.startsWith(PREVIOUS)) {
            return Optional.ofNullable(BY_NAME.get(name.substring(PREVIOUS.length())))
                    .map(i -> new KpiInput(name, i.unit(), "previous digest", "`" + i.name()
                            + "` as the previous cycle's digest recorded it; absent when it was not measured there."));
        }
        return Optional.ofNullable(BY_NAME.get(name));
    }

    private static Map<String, KpiInput> index() {
        Map<String, KpiInput> map = new LinkedHashMap<>();
        INPUTS.forEach(i -> map.put(i.name(), i));
        return map;
    }
}
