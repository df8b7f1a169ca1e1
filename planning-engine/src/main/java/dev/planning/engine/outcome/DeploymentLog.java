package dev.planning.engine.outcome;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 */
public record DeploymentLog(Optional<Period> period, List<Deployment> deployments, List<Incident> incidents,
        List<Defect> defects, boolean defectsReported) {

    public DeploymentLog {
        Objects.requireNonNull(period, "period");
        deployments = List.copyOf(deployments);
        incidents = List.copyOf(incidents);
        defects = List.copyOf(defects);
    }

    /**
     * Whether a deployment failed in the DORA sense: its status is {@code failure}, or an incident
     * names it as its cause.
     */
    public boolean failed(Deployment deployment) {
        return !deployment.success() || incidents.stream().anyMatch(i -> i.causedBy().equals(deployment.id()));
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

    /** A deployment to production and the commits it shipped. */
    public record Deployment(String id, Instant time, boolean success, List<Commit> commits, List<String> tasks) {
        public Deployment {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(time, "time");
            commits = List.copyOf(commits);
            tasks = List.copyOf(tasks);
        }
    }

    /** A commit shipped by a deployment. */
    public record Commit(String sha, Instant time) {
        public Commit {
            Objects.requireNonNull(sha, "sha");
            Objects.requireNonNull(time, "time");
        }
    }

    /** A production incident; {@code end} is empty while it is open. */
    public record Incident(String id, Instant start, Optional<Instant> end, String causedBy) {
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
