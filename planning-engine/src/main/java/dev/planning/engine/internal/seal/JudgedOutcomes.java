package dev.planning.engine.internal.seal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import dev.planning.api.SystemFailureException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.event.EventType;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.outcome.OutcomeKind;
import dev.planning.engine.internal.evidence.GateOutcomes;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.json.JsonMappers;
import dev.planning.engine.internal.outcome.JUnitReportParser;
import dev.planning.engine.internal.outcome.OutcomeFiles;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.SafePaths;
import dev.planning.engine.internal.workspace.UnreadableInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The test results of a cycle as its move into {@code VALIDATED} judged them, not as the files on
 * disk say now: the {@code parity_coverage} evidence of that move (the event's
 * {@code evidence.parity_coverage}) records the SHA-256 of every outcome file the gate read
 * ({@code inputs}), and the Test Result is built from exactly the JUnit reports among them. Each
 * must still be on disk with the judged SHA-256, and no JUnit report may have been imported since;
 * otherwise each difference is a {@link Problem} naming the file, the judged and the present digest,
 * and no result is given. A swapped JUnit XML thereby cannot change what a summary says.
 */
final class JudgedOutcomes {

    /** The gate whose evidence records the outcome files the move into {@code VALIDATED} judged. */
    static final String GATE = "parity_coverage";

    private static final ObjectMapper JSON = JsonMappers.strictJson();
    private static final long MAX_EVIDENCE_BYTES = 32L * 1024 * 1024;

    private JudgedOutcomes() {
    }

    /** One reason the judged test results cannot be given, at a file (and a line of the event log). */
    record Problem(SourceLocation location, Optional<String> expected, Optional<String> actual, String message) {

        /** The problem as an exception, for a caller that refuses. */
        InvalidInputException toException() {
            return new InvalidInputException(message + expected.map(e -> " (judged: " + e + ", now: "
                    + actual.orElse("none") + ")").orElse(""), location);
        }
    }

    /** The judged test results, or every problem that prevents them. */
    record Judged(Optional<TestResults> results, List<Problem> problems) {
        Judged {
            problems = List.copyOf(problems);
        }
    }

    /** The cycle's last accepted move into {@code VALIDATED}, if it made one. */
    static Optional<RecordedEvent> validatedMove(List<RecordedEvent> history) {
        return history.stream().filter(e -> e.event().type() == EventType.STATE_TRANSITION
                && e.event().toState().filter(s -> s == CycleState.VALIDATED).isPresent())
                .reduce((first, second) -> second);
    }

    /**
     * The test results the cycle's last move into {@code VALIDATED} judged.
     *
     * @param history the cycle's event log
     */
    static Judged read(Path workspace, WorkspaceLayout layout, CycleRef cycle, List<RecordedEvent> history) {
        String log = layout.eventLog(cycle);
        Optional<RecordedEvent> move = validatedMove(history);
        if (move.isEmpty()) {
            return refused(new Problem(SourceLocation.ofFile(log), Optional.empty(), Optional.empty(), "the event log"
                    + " of " + cycle + " records no move into VALIDATED, so no test result was judged"));
        }
        RecordedEvent event = move.get();
        SourceLocation at = new SourceLocation(log, event.line(), 1);
        String evidence = event.event().details().get(GateOutcomes.detailKey(GATE));
        if (evidence == null) {
            return refused(new Problem(at, Optional.empty(), Optional.empty(), "the move into VALIDATED ("
                    + event.event().id() + ") ran no " + GATE + " gate, so it judged no outcome file; a Test Result"
                    + " states only the JUnit reports that move judged: run " + GATE + " at EXECUTED->VALIDATED"));
        }
        Map<String, String> judged;
        try {
            judged = judgedJUnit(workspace, layout, cycle, evidence);
        } catch (UnreadableInputException | SystemFailureException e) {
            throw e;
        } catch (PlanningException e) {
            return refused(new Problem(e.location().orElse(SourceLocation.ofFile(evidence)), Optional.empty(),
                    Optional.empty(), e.getMessage()));
        }
        List<Problem> problems = new ArrayList<>();
        TreeSet<String> present = new TreeSet<>(junitFiles(workspace, layout, cycle));
        for (String path : present) {
            if (!judged.containsKey(path)) {
                problems.add(new Problem(SourceLocation.ofFile(path), Optional.of("not judged"),
                        Optional.of("sha256 " + sha256(workspace, path).orElse("unreadable")), path + " was not judged"
                        + " by the move into VALIDATED (" + evidence + "): it was imported or placed after it"));
            }
        }
        List<TestResults.Parsed> parsed = new ArrayList<>();
        JUnitReportParser parser = new JUnitReportParser();
        for (Map.Entry<String, String> entry : judged.entrySet()) {
            String path = entry.getKey();
            Optional<byte[]> bytes = bytes(workspace, path);
            String now = bytes.map(Sha256::hex).orElse(null);
            if (now == null) {
                problems.add(new Problem(SourceLocation.ofFile(path), Optional.of("sha256 " + entry.getValue()),
                        Optional.of("no file"), path + ", judged by the move into VALIDATED (" + evidence
                                + "), is gone"));
            } else if (!now.equals(entry.getValue())) {
                problems.add(new Problem(SourceLocation.ofFile(path), Optional.of("sha256 " + entry.getValue()),
                        Optional.of("sha256 " + now), path + " changed after the move into VALIDATED judged it ("
                                + evidence + ")"));
            } else if (problems.isEmpty()) {
                try {
                    parsed.add(new TestResults.Parsed(path, now, parser.parse(bytes.get(), path)));
                } catch (PlanningException e) {
                    problems.add(new Problem(e.location().orElse(SourceLocation.ofFile(path)), Optional.empty(),
                            Optional.empty(), e.getMessage()));
                }
            }
        }
        return problems.isEmpty() ? new Judged(Optional.of(TestResults.of(parsed)), List.of())
                : new Judged(Optional.empty(), problems);
    }

    /** The JUnit reports (path to SHA-256, sorted by path) the evidence of the move records. */
    private static Map<String, String> judgedJUnit(Path workspace, WorkspaceLayout layout, CycleRef cycle,
            String evidence) {
        if (!evidence.startsWith(layout.evidenceDir(cycle) + "/")) {
            throw new InvalidInputException("the " + GATE + " evidence of the move into VALIDATED (" + evidence
                    + ") is not under " + layout.evidenceDir(cycle), SourceLocation.ofFile(evidence));
        }
        Optional<byte[]> bytes = bytes(workspace, evidence);
        if (bytes.isEmpty() || bytes.get().length > MAX_EVIDENCE_BYTES) {
            throw new InvalidInputException("the " + GATE + " evidence of the move into VALIDATED cannot be read: it"
                    + " records the outcome files that move judged", SourceLocation.ofFile(evidence));
        }
        JsonNode document;
        try {
            document = JSON.readTree(bytes.get());
        } catch (IOException e) {
            throw new InvalidInputException("the " + GATE + " evidence of the move into VALIDATED is not JSON: "
                    + e.getMessage(), SourceLocation.ofFile(evidence));
        }
        boolean ours = document != null && GATE.equals(document.path("gate").asText(null))
                && "VALIDATED".equals(document.path("transition").path("to").asText(null))
                && cycle.stream().equals(document.path("cycle").path("stream").asText(null))
                && cycle.cycleId().equals(document.path("cycle").path("cycle_id").asText(null))
                && document.path("inputs").isObject();
        if (!ours) {
            throw new InvalidInputException("the evidence " + evidence + " is not the " + GATE + " evidence of "
                    + cycle + "'s move into VALIDATED with its judged inputs (gate, transition.to, cycle, inputs)",
                    SourceLocation.ofFile(evidence));
        }
        String junit = layout.outcomesDir(cycle) + "/" + OutcomeKind.JUNIT.directory() + "/";
        Map<String, String> judged = new TreeMap<>();
        for (Map.Entry<String, JsonNode> input : document.get("inputs").properties()) {
            if (!input.getValue().isTextual() || !input.getValue().textValue().matches("[0-9a-f]{64}")) {
                throw new InvalidInputException("inputs." + input.getKey() + " of " + evidence + " is not a lower-case"
                        + " hex SHA-256", SourceLocation.ofFile(evidence));
            }
            String name = input.getKey();
            if (name.startsWith(junit) && name.indexOf('/', junit.length()) < 0
                    && !name.substring(junit.length()).startsWith(".")) {
                judged.put(name, input.getValue().textValue());
            }
        }
        return judged;
    }

    /** The entries of the cycle's JUnit directory now: the files {@link OutcomeFiles} reads, and any link. */
    private static List<String> junitFiles(Path workspace, WorkspaceLayout layout, CycleRef cycle) {
        String dir = layout.outcomesDir(cycle) + "/" + OutcomeKind.JUNIT.directory();
        Path directory = SafePaths.resolve(workspace, dir);
        String without = "verify cannot tell which test reports the VALIDATED gate judged";
        // A directory above it that may not be searched, or one that cannot be listed, is refused, never empty.
        if (!DirectoryEntries.attributes(workspace, directory, without, LinkOption.NOFOLLOW_LINKS)
                .map(BasicFileAttributes::isDirectory).orElse(false)) {
            return List.of();
        }
        // Links count as present (never as judged: the gate refuses them), so one placed later is seen.
        return DirectoryEntries.sorted(workspace, directory, without).stream()
                .filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                .map(p -> p.getFileName().toString()).filter(name -> !name.startsWith("."))
                .sorted().map(name -> dir + "/" + name).toList();
    }

    private static Optional<String> sha256(Path workspace, String path) {
        return bytes(workspace, path).map(Sha256::hex);
    }

    /**
     * The file's bytes; empty when there is no such regular file (or it is a link, or over the bound).
     * One that is there but cannot be examined or read is refused, naming it, never taken for absent.
     */
    private static Optional<byte[]> bytes(Path workspace, String path) {
        Path file;
        try {
            file = SafePaths.resolve(workspace, path);
        } catch (PlanningException e) {
            return Optional.empty();
        }
        String without = "verify cannot tell whether it is what the move into VALIDATED judged";
        Optional<BasicFileAttributes> attributes = DirectoryEntries.attributes(workspace, file, without,
                LinkOption.NOFOLLOW_LINKS);
        if (attributes.isEmpty() || !attributes.get().isRegularFile() || attributes.get().size() > OutcomeFiles.MAX_BYTES) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // gone since it was examined
        } catch (IOException e) {
            throw DirectoryEntries.cannotRead(workspace, file, without, e);
        }
    }

    private static Judged refused(Problem problem) {
        return new Judged(Optional.empty(), List.of(problem));
    }
}
