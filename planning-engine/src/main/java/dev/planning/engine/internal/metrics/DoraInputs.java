package dev.planning.engine.internal.metrics;

import dev.planning.engine.internal.outcome.DeploymentLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The inputs of DORA's five metrics (dora.dev): deployments and the period for deployment
 * frequency; the median commit-to-deploy time of successful deployments for change lead time;
 * failed deployments (status failure, or linked to an incident) for change fail rate; the median
 * failure-to-recovery time of failed deployments for failed deployment recovery time; rework
 * deployments (unplanned, made to fix an incident) for deployment rework rate. The median incident
 * duration is kept as {@code time_to_restore_hours}.
 */
final class DoraInputs {

    private DoraInputs() {
    }

    static Map<String, Double> of(List<DeploymentLog> logs) {
        Map<String, Double> inputs = new TreeMap<>();
        if (logs.isEmpty()) {
            return inputs;
        }
        int total = 0;
        int failed = 0;
        int rework = 0;
        List<Double> recoveries = new ArrayList<>();
        double periodDays = 0;
        boolean everyPeriod = true;
        List<Double> leadTimes = new ArrayList<>();
        List<Double> restores = new ArrayList<>();
        // A failure recovers at the next successful deployment of any file imported, not only its own (review36b).
        List<Instant> successes = logs.stream().flatMap(l -> l.deployments().stream())
                .filter(DeploymentLog.Deployment::success).map(DeploymentLog.Deployment::time).toList();
        for (DeploymentLog log : logs) {
            for (DeploymentLog.Deployment deployment : log.deployments()) {
                total++;
                if (log.failed(deployment)) {
                    failed++;
                }
                if (log.rework(deployment)) {
                    rework++;
                }
                if (deployment.success()) {
                    deployment.commits().forEach(c -> leadTimes.add(EventInputs.hours(c.time(), deployment.time())));
                }
            }
            recoveries.addAll(log.recoveryHours(successes));
            for (DeploymentLog.Incident incident : log.incidents()) {
                // An incident still open lasts longer than any ended one so far, as far as can be told (hostile36).
                restores.add(incident.end().map(end -> EventInputs.hours(incident.start(), end))
                        .orElse(Double.POSITIVE_INFINITY));
            }
            if (log.period().isPresent()) {
                periodDays += log.period().get().days();
            } else {
                everyPeriod = false;
            }
        }
        inputs.put("deployments_total", (double) total);
        inputs.put("deployments_failed", (double) failed);
        inputs.put("deployments_rework", (double) rework);
        // A failure not yet recovered ranks after every recovered one: the median is never below the one the
        // recoveries will give, and is not measured when it falls on such a failure (hostile36).
        median(recoveries).filter(Double::isFinite).ifPresent(m -> inputs.put("failed_deployment_recovery_hours", m));
        if (everyPeriod) {
            inputs.put("deployment_period_days", periodDays);
        }
        median(leadTimes).ifPresent(m -> inputs.put("lead_time_for_changes_hours", m));
        median(restores).filter(Double::isFinite).ifPresent(m -> inputs.put("time_to_restore_hours", m));
        return inputs;
    }

    /** The median; the mean of the two middle values for an even count; empty for no values. */
    static Optional<Double> median(List<Double> values) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return Optional.of(sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2);
    }
}
