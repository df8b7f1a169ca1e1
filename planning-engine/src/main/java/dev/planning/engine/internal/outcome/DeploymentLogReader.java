package dev.planning.engine.internal.outcome;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.engine.internal.artifact.ErrorList;
import dev.planning.engine.internal.document.LocatedDocument;
import dev.planning.engine.internal.document.YamlDocuments;
import dev.planning.engine.internal.schema.ArtifactSchema;
import dev.planning.engine.internal.schema.ExactNumbers;
import dev.planning.engine.internal.schema.SchemaCatalog;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a deployments / incidents / defects YAML file with the hardened YAML reader, validates it
 * against the {@code deployments} schema, then checks what a schema cannot: ids are unique, every
 * incident's {@code caused_by} names a deployment of the file, an incident ends after it starts, a
 * commit is not later than its deployment, and the period ends after it starts.
 *
 * <pre>{@code
 * version: "1.0"
 * period: {start: 2025-08-19T00:00:00Z, end: 2025-09-02T00:00:00Z}
 * deployments:
 *   - id: D-1
 *     time: 2025-08-21T15:00:00Z
 *     status: success
 *     commits: [{sha: 3f2a9c1, time: 2025-08-20T09:30:00Z}]
 *     tasks: [FE-12]
 * incidents:
 *   - {id: INC-1, start: 2025-08-22T10:00:00Z, end: 2025-08-22T13:00:00Z, caused_by: D-1}
 * defects:
 *   - {id: BUG-7, severity: high, found: after_release, task: FE-12}
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class DeploymentLogReader {

    /**
     * Parses and validates a file's bytes.
     *
     * @throws InvalidInputException naming the file, line and column, and what was expected: every mistake of
     *         the file, each at its place
     */
    public DeploymentLog parse(byte[] content, String displayPath) {
        // A DocumentException is already a located InvalidInputException.
        return read(YamlDocuments.parse(content, displayPath));
    }

    /** Validates a parsed document and builds the log. */
    public DeploymentLog read(LocatedDocument document) {
        LocatedDocument exact = YamlDocuments.withExactDecimals(document);
        List<Finding> findings = new ArrayList<>(windowErrors(exact));
        Set<String> numbered = new HashSet<>();
        findings.forEach(f -> numbered.add(f.location().map(Object::toString).orElse("")));
        // A number the reader left as text, or read as 0, is a schema error too: the number's own error says why.
        SchemaCatalog.standard().validate(document, ArtifactSchema.DEPLOYMENTS).stream()
                .filter(f -> !numbered.contains(f.location().map(Object::toString).orElse("")))
                .forEach(findings::add);
        if (!findings.isEmpty()) {
            // Every schema error, each at its place, not only the first.
            throw ErrorList.exception("invalid deployments file", findings, document.fileLocation());
        }
        // The checks past the schema: every one of the file, each at its place.
        ErrorList.Mistakes mistakes = new ErrorList.Mistakes();
        DeploymentLog log = checked(document, exact, mistakes);
        // In the order of the file, as the schema's errors are.
        mistakes.sortByLocation();
        if (!mistakes.isEmpty()) {
            throw mistakes.exception("invalid deployments file", document.fileLocation());
        }
        return log;
    }

    private static DeploymentLog checked(LocatedDocument document, LocatedDocument exact, ErrorList.Mistakes mistakes) {
        JsonNode root = document.root();
        Optional<DeploymentLog.Period> period = Optional.empty();
        if (root.has("period")) {
            Instant start = instant(root.get("period").get("start"));
            Instant end = instant(root.get("period").get("end"));
            if (end.isAfter(start)) {
                period = Optional.of(new DeploymentLog.Period(start, end));
            } else {
                mistakes.add(mistake("the period must end after it starts", document.locate("/period/end")));
            }
        }
        List<DeploymentLog.Deployment> deployments = deployments(document, mistakes);
        if (period.isPresent()) {
            DeploymentLog.Period within = period.get();
            for (int i = 0; i < deployments.size(); i++) {
                DeploymentLog.Deployment deployment = deployments.get(i);
                if (deployment.time().isBefore(within.start()) || deployment.time().isAfter(within.end())) {
                    mistakes.add(mistake("deployment " + deployment.id() + " at " + deployment.time()
                            + " lies outside the file's period (" + within.start() + " to " + within.end() + "):"
                            + " deployment frequency counts the deployments within it; widen the period or list the"
                            + " deployment in the file of its period", document.locate("/deployments/" + i + "/time")));
                }
            }
        }
        Optional<Long> windowSeconds = exact.root().has(WINDOW)
                ? Optional.of(exact.root().get(WINDOW).decimalValue().multiply(SECONDS_PER_HOUR).longValueExact())
                : Optional.empty();
        List<DeploymentLog.Incident> incidents = incidents(document, deployments, windowSeconds, mistakes);
        Map<String, Instant> incidentStarts = new HashMap<>();
        incidents.forEach(i -> incidentStarts.putIfAbsent(i.id(), i.start()));
        for (int i = 0; i < deployments.size(); i++) {
            DeploymentLog.Deployment deployment = deployments.get(i);
            Optional<String> fixes = deployment.remediates();
            if (fixes.isPresent() && !incidentStarts.containsKey(fixes.get())) {
                mistakes.add(mistake("deployment " + deployment.id() + " remediates '" + fixes.get()
                        + "', which is not an incident of this file; incidents: "
                        + incidentStarts.keySet().stream().sorted().toList(),
                        document.locate("/deployments/" + i + "/remediates")));
            } else if (fixes.isPresent() && deployment.time().isBefore(incidentStarts.get(fixes.get()))) {
                // hostile36: a fix made before the incident began is no rework of it.
                mistakes.add(mistake("deployment " + deployment.id() + " at " + deployment.time() + " remediates "
                        + fixes.get() + ", which started later, at " + incidentStarts.get(fixes.get())
                        + ": a deployment can only fix an incident already under way", document.locate("/deployments/" + i
                        + "/remediates")));
            }
        }
        return new DeploymentLog(period, deployments, incidents, defects(document, mistakes), root.has("defects"),
                places(document));
    }

    /**
     * Where the file writes its period and each entry's id, the first of an id when it repeats; and each
     * deployment's time and listed tasks, for the checks against the cycle ({@link DeploymentScope}).
     */
    private static Map<String, SourceLocation> places(LocatedDocument document) {
        Map<String, SourceLocation> places = new HashMap<>();
        if (document.root().has("period")) {
            places.put("period", document.locate("/period"));
        }
        JsonNode deployments = document.root().path("deployments");
        for (int i = 0; i < deployments.size(); i++) {
            String key = "deployment " + deployments.get(i).path("id").asText();
            places.putIfAbsent(key + " time", document.locate("/deployments/" + i + "/time"));
            JsonNode tasks = deployments.get(i).path("tasks");
            for (int t = 0; t < tasks.size(); t++) {
                places.putIfAbsent(key + " task " + t, document.locate("/deployments/" + i + "/tasks/" + t));
            }
        }
        for (String[] list : new String[][] {{"deployments", "deployment"}, {"incidents", "incident"},
            {"defects", "defect"}}) {
            JsonNode entries = document.root().path(list[0]);
            for (int i = 0; i < entries.size(); i++) {
                places.putIfAbsent(list[1] + " " + entries.get(i).path("id").asText(),
                        document.locate("/" + list[0] + "/" + i + "/id"));
            }
        }
        return places;
    }

    private static Finding mistake(String message, SourceLocation location) {
        return Finding.error(SchemaCatalog.INVALID, message, location);
    }

    private static final String WINDOW = "incident_window_hours";

    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);

    /**
     * The window, as written, must be hours a {@code double} holds exactly and a whole number of seconds
     * (incidents are matched to the second): {@code 1.13} is 4,068 seconds, which {@code 1.13 * 3600} in
     * doubles cut to 4,067; {@code 0.0001} hours would have been cut to 0 seconds.
     */
    private static List<Finding> windowErrors(LocatedDocument exact) {
        Optional<Finding> number = ExactNumbers.check(exact, "/" + WINDOW, -1,
                "hours, such as 48 or 1.5, a whole number of seconds");
        if (number.isPresent()) {
            return List.of(number.get());
        }
        JsonNode window = exact.root().get(WINDOW);
        if (window == null || !window.isNumber() || window.decimalValue().compareTo(BigDecimal.ZERO) <= 0
                || window.decimalValue().compareTo(BigDecimal.valueOf(8760)) > 0) {
            return List.of(); // the schema judges its type and range
        }
        if (window.decimalValue().multiply(SECONDS_PER_HOUR).stripTrailingZeros().scale() > 0) {
            return List.of(Finding.error(SchemaCatalog.INVALID, "`" + WINDOW + "` is "
                    + window.decimalValue().toPlainString() + " hours, which is not a whole number of seconds;"
                    + " expected hours, such as 48 or 1.5, a whole number of seconds", exact.locate("/" + WINDOW)));
        }
        return List.of();
    }

    private static List<DeploymentLog.Deployment> deployments(LocatedDocument document, ErrorList.Mistakes mistakes) {
        List<DeploymentLog.Deployment> deployments = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        JsonNode list = document.root().path("deployments");
        for (int i = 0; i < list.size(); i++) {
            JsonNode node = list.get(i);
            String pointer = "/deployments/" + i;
            String id = node.get("id").asText();
            unique(ids, id, "deployment", document, pointer + "/id", mistakes);
            Instant time = instant(node.get("time"));
            List<DeploymentLog.Commit> commits = new ArrayList<>();
            JsonNode commitList = node.get("commits");
            for (int c = 0; c < commitList.size(); c++) {
                Instant committed = instant(commitList.get(c).get("time"));
                if (committed.isAfter(time)) {
                    mistakes.add(mistake("commit time " + committed + " is after the deployment's time "
                            + time + ": a deployment cannot ship a later commit",
                            document.locate(pointer + "/commits/" + c + "/time")));
                }
                commits.add(new DeploymentLog.Commit(commitList.get(c).get("sha").asText(), committed));
            }
            List<String> tasks = new ArrayList<>();
            node.path("tasks").forEach(t -> tasks.add(t.asText()));
            deployments.add(new DeploymentLog.Deployment(id, time, node.get("status").asText().equals("success"),
                    commits, tasks, node.has("remediates") ? Optional.of(node.get("remediates").asText()) : Optional.empty()));
        }
        return deployments;
    }

    private static List<DeploymentLog.Incident> incidents(LocatedDocument document,
            List<DeploymentLog.Deployment> deployments, Optional<Long> windowSeconds, ErrorList.Mistakes mistakes) {
        Set<String> deploymentIds = new HashSet<>();
        deployments.forEach(d -> deploymentIds.add(d.id()));
        List<DeploymentLog.Incident> incidents = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        JsonNode list = document.root().path("incidents");
        for (int i = 0; i < list.size(); i++) {
            JsonNode node = list.get(i);
            String pointer = "/incidents/" + i;
            String id = node.get("id").asText();
            unique(ids, id, "incident", document, pointer + "/id", mistakes);
            Instant start = instant(node.get("start"));
            Optional<String> cause;
            if (node.has("caused_by")) {
                cause = Optional.of(node.get("caused_by").asText());
                if (!deploymentIds.contains(cause.get())) {
                    mistakes.add(mistake("incident " + id + " is caused_by '" + cause.get()
                            + "', which is not a deployment of this file; deployments: " + deploymentIds.stream().sorted()
                            .toList(), document.locate(pointer + "/caused_by")));
                } else {
                    // hostile36: an incident under way before the deployment cannot be its failure; as a commit later than
                    // its deployment is refused, so is a cause later than its incident.
                    String named = cause.get();
                    Instant deployed = deployments.stream().filter(d -> d.id().equals(named)).findFirst()
                            .orElseThrow().time();
                    if (start.isBefore(deployed)) {
                        mistakes.add(mistake("incident " + id + " started at " + start + ", before deployment "
                                + cause.get() + " at " + deployed + " that it is caused_by: a deployment can only cause an"
                                + " incident that starts after it", document.locate(pointer + "/caused_by")));
                    }
                }
            } else if (windowSeconds.isPresent()) {
                Instant earliest = start.minusSeconds(windowSeconds.get());
                cause = deployments.stream().filter(d -> !d.time().isAfter(start) && !d.time().isBefore(earliest))
                        .max(Comparator.comparing(DeploymentLog.Deployment::time)).map(DeploymentLog.Deployment::id);
            } else {
                cause = Optional.empty();
                mistakes.add(mistake("incident " + id + " names no deployment: add caused_by (the id of the"
                        + " deployment that caused it), or set incident_window_hours at the top of the file to link"
                        + " incidents to the latest deployment before them", document.locate(pointer)));
            }
            Optional<Instant> end = node.has("end") ? Optional.of(instant(node.get("end"))) : Optional.empty();
            if (end.isPresent() && end.get().isBefore(start)) {
                mistakes.add(mistake("incident " + id + " ends before it starts", document.locate(pointer + "/end")));
            }
            incidents.add(new DeploymentLog.Incident(id, start, end, cause));
        }
        return incidents;
    }

    private static List<DeploymentLog.Defect> defects(LocatedDocument document, ErrorList.Mistakes mistakes) {
        List<DeploymentLog.Defect> defects = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        JsonNode list = document.root().path("defects");
        for (int i = 0; i < list.size(); i++) {
            JsonNode node = list.get(i);
            String id = node.get("id").asText();
            unique(ids, id, "defect", document, "/defects/" + i + "/id", mistakes);
            defects.add(new DeploymentLog.Defect(id, node.get("severity").asText(),
                    node.get("found").asText().equals("after_release"),
                    node.hasNonNull("task") ? Optional.of(node.get("task").asText()) : Optional.empty()));
        }
        return defects;
    }

    private static void unique(Set<String> ids, String id, String what, LocatedDocument document, String pointer,
            ErrorList.Mistakes mistakes) {
        if (!ids.add(id)) {
            mistakes.add(mistake("duplicate " + what + " id '" + id + "': ids must be unique in the file",
                    document.locate(pointer)));
        }
    }

    private static Instant instant(JsonNode node) {
        // The schema's date-time format has already been asserted.
        return OffsetDateTime.parse(node.asText()).toInstant();
    }
}
