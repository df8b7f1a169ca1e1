package dev.planning.engine.internal.outcome;

import dev.planning.api.SourceLocation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A deployments / incidents / defects file (schema {@code deployments/1.0.json}), as read by
 * {@link DeploymentLogReader}.
 *
 * @param period      the window the file covers, when given
 * @param deployments production deployments, in written order
 * @param incidents   production incidents, in written order
 * @param defects     defects found, in written order
 * @param defectsReported whether the file has a {@code defects} list at all (an empty list reports
 *                    zero defects; no list leaves defects unmeasured)
 * @param places      where the file writes its period and each entry's id ({@link #place})
 */
public record DeploymentLog(Optional<Period> period, List<Deployment> deployments, List<Incident> incidents,
        List<Defect> defects, boolean defectsReported, Map<String, SourceLocation> places) {

    public DeploymentLog {
        Objects.requireNonNull(period, "period");
        deployments = List.copyOf(deployments);
        incidents = List.copyOf(incidents);
        defects = List.copyOf(defects);
        places = Map.copyOf(new LinkedHashMap<>(places));
    }

    /** A file whose entries' places are not known (one built in code): refusals name the file alone. */
    public DeploymentLog(Optional<Period> period, List<Deployment> deployments, List<Incident> incidents,
            List<Defect> defects, boolean defectsReported) {
        this(period, deployments, incidents, defects, defectsReported, Map.of());
    }

    /**
     * Where the file writes an entry, for a refusal that names two files ({@link OutcomeSet#requireDistinctDeployments}).
     *
     * @param key {@code period}, or {@code deployment ID}, {@code incident ID}, {@code defect ID}: the entry's id;
     *            {@code deployment ID time}: that deployment's time; {@code deployment ID task N}: the Nth (from 0)
     *            task it lists
     * @return the line and column of its id (of {@code period:}, of the time or task), when the file was read from
     *         text
     */
    public Optional<SourceLocation> place(String key) {
        return Optional.ofNullable(places.get(key));
    }

    /**
     * Whether a deployment failed in the DORA sense (it needed intervention): its status is
     * {@code failure}, or an incident is linked to it (named by {@code caused_by}, or matched by
     * the file's {@code incident_window_hours}).
     */
    public boolean failed(Deployment deployment) {
        return !deployment.success() || incidents.stream().anyMatch(i -> i.causedBy().equals(Optional.of(deployment.id())));
    }

    /** Whether a deployment is rework: an unplanned deployment made to fix an incident. */
    public boolean rework(Deployment deployment) {
        return deployment.remediates().isPresent();
    }

    /**
     * Hours from each failed deployment's failure to recovery (DORA failed deployment recovery
     * time) over this file alone, one value per failed deployment: for a deployment incidents are linked to, from the first
     * one's start to the last one's end; for a {@code failure} deployment without an incident, from the
     * deployment to the next successful deployment of the file, strictly later: a file need not list its
     * deployments in time order, so a success at the failure's very instant, on whatever line, is not known to
     * have followed it and does not recover it (kpi37). A failed deployment not yet recovered (a
     * linked incident still open, or no successful deployment after it) is
     * {@link Double#POSITIVE_INFINITY}: longer than any recovery so far, as far as the file can tell.
     * hostile36: such a failure was left out, so outages still under way beside one recovered in an hour
     * read as a one-hour recovery; and each linked incident was a value of its own, so many short incidents of
     * one deployment outweighed other failures' long recoveries.
     */
    public List<Double> recoveryHours() {
        return recoveryHours(deployments.stream().filter(Deployment::success).map(Deployment::time).toList());
    }

    /**
     * {@link #recoveryHours()}, where a {@code failure} deployment without an incident recovers at the first of
     * {@code successes} after it: the successful deployments of every file imported for the cycle (review36b: a
     * failure fixed by the next file's first deployment read "not yet recovered" for good).
     *
     * @param successes the times of the cycle's successful deployments, this file's among them
     * @return one value per failed deployment
     */
    public List<Double> recoveryHours(List<Instant> successes) {
        List<Double> hours = new ArrayList<>();
        for (Deployment deployment : deployments) {
            List<Incident> linked = incidents.stream().filter(i -> i.causedBy().equals(Optional.of(deployment.id()))).toList();
            if (!linked.isEmpty()) {
                if (linked.stream().anyMatch(i -> i.end().isEmpty())) {
                    hours.add(Double.POSITIVE_INFINITY);
                } else {
                    Instant first = linked.stream().map(Incident::start).min(Instant::compareTo).orElseThrow();
                    Instant last = linked.stream().map(i -> i.end().orElseThrow()).max(Instant::compareTo).orElseThrow();
                    hours.add(Duration.between(first, last).toMillis() / 3_600_000.0);
                }
            } else if (!deployment.success()) {
                hours.add(successes.stream().filter(t -> t.isAfter(deployment.time())).min(Instant::compareTo)
                        .map(next -> Duration.between(deployment.time(), next).toMillis() / 3_600_000.0)
                        .orElse(Double.POSITIVE_INFINITY));
            }
        }
        return hours;
    }

    /** The time window a file covers. */
    public record Period(Instant start, Instant end) {
        public Period {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
        }

        /** The window's length in days (fractional). */
        public double days() {
            return Duration.between(start, end).toSeconds() / 86_400.0;
        }
    }

    /**
     * A deployment to production and the commits it shipped; {@code remediates} names the incident
     * an unplanned (rework) deployment fixed.
     */
    public record Deployment(String id, Instant time, boolean success, List<Commit> commits, List<String> tasks,
            Optional<String> remediates) {
        public Deployment {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(time, "time");
            commits = List.copyOf(commits);
            tasks = List.copyOf(tasks);
            Objects.requireNonNull(remediates, "remediates");
        }

        /** A planned deployment. */
        public Deployment(String id, Instant time, boolean success, List<Commit> commits, List<String> tasks) {
            this(id, time, success, commits, tasks, Optional.empty());
        }
    }

    /** A commit shipped by a deployment. */
    public record Commit(String sha, Instant time) {
        public Commit {
            Objects.requireNonNull(sha, "sha");
            Objects.requireNonNull(time, "time");
        }
    }

    /**
     * A production incident; {@code end} is empty while it is open; {@code causedBy} is the
     * deployment it is linked to (named, or matched by the window), empty when none.
     */
    public record Incident(String id, Instant start, Optional<Instant> end, Optional<String> causedBy) {
        public Incident {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            Objects.requireNonNull(causedBy, "causedBy");
        }
    }

    /** A defect; {@code escaped} when it was found after release. */
    public record Defect(String id, String severity, boolean escaped, Optional<String> task) {
        public Defect {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(task, "task");
        }
    }
}
