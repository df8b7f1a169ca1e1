package dev.planning.rules.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.StoryMap;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.gate.Severity;
import dev.planning.api.governance.GovernanceInput;
import dev.planning.api.governance.Waiver;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.artifact.DecisionLogReader;
import dev.planning.engine.internal.artifact.TaskBreakdownReader;
import dev.planning.engine.internal.cycle.CycleArtifacts;
import dev.planning.engine.internal.document.LocatedDocument;
import dev.planning.engine.internal.schema.ArtifactSchema;
import dev.planning.engine.internal.schema.SchemaCatalog;
import dev.planning.engine.internal.schema.WholeNumbers;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.SafePaths;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns one document of a rule test file into a {@link RuleTestCase}, with the engine's readers. */
final class CaseReader {

    private static final String DEFAULT_STREAM = "fe";
    private static final String DEFAULT_CYCLE = "test";
    /** Stands for the day of judgement in a case without waivers, where nothing reads it. */
    private static final LocalDate UNKNOWN_DAY = LocalDate.EPOCH;

    private final Path baseDirectory;
    private final String shownBase;
    private final SchemaCatalog catalog = SchemaCatalog.standard();
    private final TaskBreakdownReader tasks = new TaskBreakdownReader();
    private final DecisionLogReader decisionLogs = new DecisionLogReader();

    /**
     * @param baseDirectory the test file's directory, which {@code given.workspace} is relative to
     * @param shownBase     that directory as the test file is named ({@code tests} for {@code tests/a.yaml}),
     *                      so that a workspace's files are named as the test file is (relative to the rulebook)
     */
    CaseReader(Path baseDirectory, String shownBase) {
        this.baseDirectory = baseDirectory;
        this.shownBase = shownBase;
    }

    /** The most errors or warnings a gate result may give (the rule-test schema's {@code maximum}). */
    private static final int MAX_GIVEN_FINDINGS = 1000;

    /** The case's schema errors, each located; empty when it follows the format. */
    List<Finding> problems(LocatedDocument document) {
        // A gate result's counts as written (keys27): the validator judged 18446744073709551618 by its low 64
        // bits and 2.0000000000000001 by its double, both then read as 2; one error per mistake.
        WholeNumbers whole = new WholeNumbers(document);
        List<Finding> numbers = new ArrayList<>();
        JsonNode results = document.root().path("given").path("gate_results");
        for (int i = 0; i < results.size(); i++) {
            for (String count : List.of("errors", "warnings")) {
                whole.checkWhereTheValidatorCannot("/given/gate_results/" + i + "/" + count, 0, MAX_GIVEN_FINDINGS)
                        .ifPresent(numbers::add);
            }
        }
        Set<String> numbered = new HashSet<>();
        numbers.forEach(f -> numbered.add(f.location().map(Object::toString).orElse("")));
        List<Finding> problems = new ArrayList<>(catalog.validate(document, ArtifactSchema.RULE_TEST).stream()
                .filter(f -> !numbered.contains(f.location().map(Object::toString).orElse("")))
                .map(f -> f.location().isPresent() ? f : Finding.error(f.code(), f.message(), document.fileLocation()))
                .toList());
        problems.addAll(numbers);
        JsonNode expect = document.root().path("expect");
        // A case any outcome passes would count as a passing test of rules it never checks.
        if (problems.isEmpty() && expect.path("only").isBoolean() && !expect.path("only").booleanValue()
                && expect.path("violations").isEmpty()) {
            problems.add(Finding.error("rule-test.asserts-nothing", RuleTestRunner.ASSERTS_NOTHING,
                    document.locate("/expect/only")));
        }
        return List.copyOf(problems);
    }

    /** A case that follows the format ({@link #problems} is empty) as a {@link RuleTestCase}. */
    RuleTestCase readValid(LocatedDocument document) {
        JsonNode root = document.root();
        JsonNode given = root.path("given");
        CycleRef cycle = new CycleRef(given.path("stream").asText(DEFAULT_STREAM), given.path("cycle").asText(DEFAULT_CYCLE));
        GovernanceInput read = given.has("workspace") ? fromWorkspace(document, cycle) : inline(document, cycle);
        GovernanceInput input = new GovernanceInput(read.cycle(), read.tasks(), read.storyMap(), read.otherStreams(),
                read.gateResults(), read.waivers(), today(document, given, cycle, !read.waivers().isEmpty()));
        JsonNode expect = root.path("expect");
        List<ExpectedViolation> violations = new ArrayList<>();
        expect.path("violations").forEach(v -> violations.add(new ExpectedViolation(v.get("rule").asText(),
                v.get("item").asText())));
        return new RuleTestCase(root.get("name").asText(), input, violations, expect.path("only").asBoolean(true),
                document.locate(""));
    }

    private GovernanceInput inline(LocatedDocument document, CycleRef cycle) {
        TaskBreakdown plan = plan(cycle, tasks.readTasks(document, "/given/tasks").orThrow(), document.file());
        Map<String, TaskBreakdown> others = new LinkedHashMap<>();
        document.root().path("given").path("other_streams").properties().forEach(e -> others.put(e.getKey(),
                plan(new CycleRef(e.getKey(), cycle.cycleId()),
                        tasks.readTasks(document, "/given/other_streams/" + e.getKey()).orThrow(), document.file())));
        return new GovernanceInput(cycle, plan, Optional.empty(), others, gateResults(document),
                decisionLogs.readWaivers(document, "/given/waivers").orThrow(), UNKNOWN_DAY);
    }

    private GovernanceInput fromWorkspace(LocatedDocument document, CycleRef cycle) {
        JsonNode given = document.root().path("given");
        for (String inlineOnly : List.of("tasks", "other_streams")) {
            if (given.has(inlineOnly)) {
                throw new InvalidInputException("given has both `workspace` and `" + inlineOnly
                        + "`; write the facts inline or name a workspace, not both", document.locate("/given/" + inlineOnly));
            }
        }
        String written = given.get("workspace").asText();
        Path workspace;
        try {
            workspace = baseDirectory.resolve(written).normalize();
        } catch (InvalidPathException e) {
            // A NUL, say: a mistake of the test file, not the tool's failure (msg43: an InvalidPathException).
            throw new InvalidInputException("given.workspace " + Printable.cut(written, Printable.PATH_CHARACTERS)
                    + " is no path this file system can name; expected a directory relative to the test file",
                    document.locate("/given/workspace"));
        }
        if (!Files.isDirectory(workspace)) {
            // As the CLI shows a path given relative (SafePaths.shown), but resolved against the test file.
            // Quoted as Printable.path quotes a path: the value is the test file's, and may hold a line break.
            String shown = Printable.cut(written, Printable.PATH_CHARACTERS);
            throw new InvalidInputException("workspace directory not found: " + (written.equals(workspace.toString())
                    ? shown : shown + " (" + Printable.path(workspace) + "); given.workspace is relative to the test file"),
                    document.locate("/given/workspace"));
        }
        WorkspaceLayout layout = WorkspaceLayout.DEFAULT;
        CycleArtifacts artifacts = new CycleArtifacts(workspace, layout);
        String planPath = artifacts.taskBreakdownPath(cycle).orElseThrow(() -> new InvalidInputException(
                "workspace " + Printable.cut(written, Printable.PATH_CHARACTERS) + " has no task breakdown for " + cycle + "; expected "
                        + String.join(" or ", layout.taskBreakdownCandidates(cycle)), document.locate("/given/workspace")));
        // Named as the test file is (tests/fixtures/ws/..., relative to the rulebook), not relative to the test file:
        // a caller that shows the rulebook's files under its directory then names the file that is there (diff21).
        String shownWorkspace = Path.of(written).isAbsolute() || shownBase.isEmpty() ? written
                : Path.of(shownBase).resolve(written).normalize().toString().replace('\\', '/');
        String prefix = shownWorkspace.isEmpty() ? "" : shownWorkspace.endsWith("/") ? shownWorkspace : shownWorkspace + "/";
        TaskBreakdown plan = tasks.read(SafePaths.resolve(workspace, planPath), prefix + planPath).orThrow();
        Optional<StoryMap> storyMap = artifacts.storyMap(cycle);
        List<Waiver> waivers = new ArrayList<>();
        String logPath = layout.decisionLog(cycle);
        Path log = SafePaths.resolve(workspace, logPath);
        // One that cannot be examined is refused, never taken for no waivers.
        if (DirectoryEntries.isRegularFile(workspace, log, "the case cannot be judged without its waivers")) {
            waivers.addAll(decisionLogs.read(log, prefix + logPath).orThrow());
        }
        waivers.addAll(decisionLogs.readWaivers(document, "/given/waivers").orThrow());
        return new GovernanceInput(cycle, plan, storyMap, artifacts.otherStreams(cycle), gateResults(document), waivers,
                UNKNOWN_DAY);
    }

    private static TaskBreakdown plan(CycleRef cycle, List<dev.planning.api.artifact.Task> list, String file) {
        return new TaskBreakdown("1.0.0", cycle.cycleId(), cycle.stream(), Optional.empty(), list, file);
    }

    /**
     * The day waivers are judged against: {@code given.today}, else the cycle id when it is a
     * date. Only waivers look at the day, so a case without waivers needs neither.
     */
    private static LocalDate today(LocatedDocument document, JsonNode given, CycleRef cycle, boolean hasWaivers) {
        if (given.has("today")) {
            // The schema checked the format.
            return LocalDate.parse(given.get("today").asText());
        }
        try {
            if (!hasWaivers && !cycle.cycleId().matches("\\d{4}-\\d{2}-\\d{2}")) {
                return UNKNOWN_DAY;
            }
            return LocalDate.parse(cycle.cycleId());
        } catch (DateTimeParseException e) {
            SourceLocation at = given.has("cycle") ? document.locate("/given/cycle") : document.locate("/given");
            throw new InvalidInputException("the cycle id '" + cycle.cycleId() + "' is not a date, so the day the"
                    + " waivers are judged against is unknown; set given.today (YYYY-MM-DD)", at);
        }
    }

    /** Gate results as rules see them: status and counts of error and warning findings. */
    private static List<GateResult> gateResults(LocatedDocument document) {
        List<GateResult> results = new ArrayList<>();
        for (JsonNode node : document.root().path("given").path("gate_results")) {
            String gate = node.get("gate").asText();
            List<Finding> findings = new ArrayList<>();
            SourceLocation at = document.locate(node);
            for (int i = 0; i < node.path("errors").asInt(0); i++) {
                findings.add(new Finding("test.given", Severity.ERROR, "an error given by the test", Optional.of(at),
                        Optional.empty()));
            }
            for (int i = 0; i < node.path("warnings").asInt(0); i++) {
                findings.add(new Finding("test.given", Severity.WARNING, "a warning given by the test", Optional.of(at),
                        Optional.empty()));
            }
            GateStatus status = GateStatus.valueOf(node.get("status").asText().toUpperCase(Locale.ROOT));
            results.add(new GateResult(gate, status, findings, Map.of()));
        }
        return List.copyOf(results);
    }
}
