package dev.planning.engine.internal.outcome;

import dev.planning.api.InvalidInputException;
import dev.planning.api.NoSuchCycleException;
import dev.planning.api.PlanningException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.SourceLocation;
import dev.planning.api.SystemFailureException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.event.EventType;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.Finding;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.outcome.ImportReport;
import dev.planning.api.outcome.ImportedFile;
import dev.planning.api.outcome.OutcomeKind;
import dev.planning.engine.internal.artifact.ErrorList;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.lifecycle.Unrecorded;
import dev.planning.engine.internal.workspace.AtomicFiles;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.SafePaths;
import dev.planning.engine.internal.workspace.Shown;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Imports execution outcomes into a cycle: {@code planning import}.
 *
 * <pre>{@code
 * ImportReport report = new OutcomeImporter(workspace, layout, plans).importFiles(new CycleRef("fe", "2025-09-02"),
 *         List.of(Path.of("target/surefire-reports/TEST-CheckoutTest.xml"), Path.of("axe.json")));
 * }</pre>
 *
 * <p>Every file is first detected and validated ({@link OutcomeDetector}); if any is bad, nothing is
 * stored. Each is then stored once, by content, as
 * {@code outcomes/{cycle}/<kind>/<first 12 hex of its SHA-256>-<name>}, written atomically and never
 * overwritten: bytes already stored under any name are reported as already imported (judged by
 * the whole SHA-256 of the stored file, never by its name's prefix), and importing the same file
 * twice changes nothing. A stored file whose name has the prefix but whose content differs is
 * refused before anything is written. When something new was stored,
 * {@code OUTCOMES_IMPORTED} is recorded with the stored paths. A stored file that no
 * {@code OUTCOMES_IMPORTED} event of the cycle names was left by an import interrupted before it
 * recorded its event (a full disk, a killed process): importing the same bytes again records it
 * (it is not written again). A {@code COMPLETED} cycle accepts no outcomes.
 */
public final class OutcomeImporter {

    /** Hex digits of the SHA-256 that prefix a stored file's name. */
    static final int PREFIX = 12;

    private final PlanningWorkspace workspace;
    private final WorkspaceLayout layout;
    private final Function<CycleRef, Optional<TaskBreakdown>> plans;
    private final Clock clock;
    private final Optional<Recorder> recorder;
    private final OutcomeDetector detector = new OutcomeDetector();

    /**
     * An importer recording through {@link PlanningWorkspace#record}, by the system clock.
     *
     * @param plans the cycle's plan, when it can be read (the workspace's files through the layout, as the caller
     *              reads them: {@code CycleArtifacts#taskBreakdown}): every task a deployment lists must be a work
     *              item of it ({@link DeploymentScope}; kpi38: this importer checked no task, and a file it stored
     *              was then refused by the digest and the gates). Given by the caller, so that this package does not
     *              depend on the one that reads the cycle's artifacts (scope39: the two depended on each other)
     */
    public OutcomeImporter(PlanningWorkspace workspace, WorkspaceLayout layout,
            Function<CycleRef, Optional<TaskBreakdown>> plans) {
        this(workspace, layout, plans, Clock.systemUTC());
    }

    /**
     * An importer that records through {@link PlanningWorkspace#record}: it cannot stamp the creation of a cycle
     * with no event yet, so deployments are not imported into one (see the next constructor).
     *
     * @param plans the cycle's plan, when it can be read: every task a deployment lists must be a work item of it
     *              ({@link DeploymentScope})
     * @param clock the workspace's clock
     */
    public OutcomeImporter(PlanningWorkspace workspace, WorkspaceLayout layout,
            Function<CycleRef, Optional<TaskBreakdown>> plans, Clock clock) {
        this(workspace, layout, plans, clock, Optional.empty());
    }

    /**
     * @param plans    the cycle's plan, when it can be read: every task a deployment lists must be a work item of it
     *                 ({@link DeploymentScope})
     * @param clock    the workspace's clock: a cycle with no event yet is created by the import's record, at the
     *                 instant read from it once, and a deployment is judged against that instant
     * @param recorder records the import's event, and when the cycle has no event yet its creation at that instant
     */
    public OutcomeImporter(PlanningWorkspace workspace, WorkspaceLayout layout,
            Function<CycleRef, Optional<TaskBreakdown>> plans, Clock clock, Recorder recorder) {
        this(workspace, layout, plans, clock, Optional.of(recorder));
    }

    private OutcomeImporter(PlanningWorkspace workspace, WorkspaceLayout layout,
            Function<CycleRef, Optional<TaskBreakdown>> plans, Clock clock, Optional<Recorder> recorder) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.plans = Objects.requireNonNull(plans, "plans");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
    }

    /** Records the import's event into a cycle whose history the import read. */
    @FunctionalInterface
    public interface Recorder {

        /**
         * Records {@code OUTCOMES_IMPORTED} after {@code history}; when it is empty, the cycle's {@code CYCLE_CREATED}
         * is written first, stamped {@code createdAt}.
         *
         * @param history   the cycle's events as the import read them: the record is refused if the log moved since
         * @param createdAt the instant the import judged the deployments against, when the record creates the cycle
         */
        RecordedEvent record(CycleRef cycle, EventType type, Map<String, String> details, List<RecordedEvent> history,
                Instant createdAt);
    }

    /**
     * Imports files into a cycle.
     *
     * @throws InvalidInputException when a file is missing, of no known kind, malformed or partial
     *                               (nothing is stored then), or the cycle is {@code COMPLETED}, or
     *                               ({@link NoSuchCycleException}) does not exist
     */
    public ImportReport importFiles(CycleRef cycle, List<Path> files) {
        if (files.isEmpty()) {
            throw new InvalidInputException("no file to import: give JUnit XML, JaCoCo XML, LCOV, axe-core JSON"
                    + " or deployments YAML files");
        }
        var status = workspace.status(cycle);
        if (status.history().isEmpty() && !workspace.exists(cycle)) {
            // Refused before a file is stored: the record at the end would refuse it, after the files (api26).
            throw new NoSuchCycleException(cycle, layout, workspace.cycles());
        }
        if (status.state() == CycleState.COMPLETED) {
            throw new InvalidInputException("cycle " + cycle + " is COMPLETED: outcomes can no longer be imported");
        }
        // Read once: a cycle with no event yet is created by the import's record at this instant, and its deployments
        // are judged against it (kpi38: the clock was read again for the event, ms later, which the digest judges by).
        Instant createdAt = clock.instant();
        Set<String> alreadyRecorded = recordedPaths(status.history());
        List<Candidate> candidates = new ArrayList<>();
        // Every file is read and recognised before one is refused, so that all the bad files of one
        // call are named at once (nothing is stored while any is bad).
        List<InvalidInputException> refused = new ArrayList<>();
        for (Path file : files) {
            String display = file.toString().replace('\\', '/');
            try {
                byte[] content = read(file, display);
                candidates.add(new Candidate(file, content, detector.inspect(content, display), Sha256.hex(content)));
            } catch (InvalidInputException e) {
                refused.add(e);
            }
        }
        if (refused.size() == 1) {
            throw refused.get(0);
        }
        if (!refused.isEmpty()) {
            // Every mistake of every file, one line each (a file's own list, flattened: errors21).
            List<Finding> errors = refused.stream().flatMap(e -> ErrorList.errors(e).stream()).toList();
            // A file's mistakes past those kept are counted still (errors23).
            throw ErrorList.exception("nothing imported", errors, refused.stream().mapToLong(ErrorList::unlisted).sum(),
                    null);
        }
        List<ImportedFile> imported = new ArrayList<>();
        Map<String, String> details = new LinkedHashMap<>();
        List<String> stored = new ArrayList<>();
        // Every stored file that shares a candidate's name prefix is compared in full before anything
        // is written, so a crafted file under a colliding name refuses the whole import.
        List<Optional<String>> existing = new ArrayList<>();
        Path realRoot = SafePaths.realWorkspace(workspace.root());
        for (Candidate candidate : candidates) {
            String dir = layout.outcomesDir(cycle) + "/" + candidate.kind().directory();
            requireNoLink(realRoot, dir);
            existing.add(existing(dir, candidate));
        }
        requireDistinctDeployments(cycle, candidates, existing, status.history(), createdAt);
        requireMergeableCoverage(cycle, candidates, existing);
        // The bytes this call stored, by SHA-256: the same bytes given twice under two names are stored once (the
        // directory was looked at before either was written; attack26).
        Map<String, String> storedNow = new HashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate candidate = candidates.get(i);
            String dir = layout.outcomesDir(cycle) + "/" + candidate.kind().directory();
            String prefix = candidate.sha256().substring(0, PREFIX);
            if (existing.get(i).isEmpty() && storedNow.containsKey(candidate.sha256())) {
                imported.add(new ImportedFile(candidate.source(), candidate.kind(), storedNow.get(candidate.sha256()), true));
                continue;
            }
            if (existing.get(i).isPresent() && alreadyRecorded.contains(existing.get(i).get())) {
                imported.add(new ImportedFile(candidate.source(), candidate.kind(), existing.get(i).get(), true));
                continue;
            }
            if (existing.get(i).isPresent()) {
                // Stored by an import that never recorded it: its event is recorded now.
                String path = existing.get(i).get();
                if (alreadyRecorded.add(path)) {
                    imported.add(new ImportedFile(candidate.source(), candidate.kind(), path, false));
                    stored.add(path);
                    details.put(SHA256_OF + path, candidate.sha256());
                } else {
                    imported.add(new ImportedFile(candidate.source(), candidate.kind(), path, true));
                }
                continue;
            }
            String path = dir + "/" + prefix + "-" + safeName(candidate.source());
            AtomicFiles.writeNew(SafePaths.resolve(workspace.root(), path), candidate.content());
            storedNow.put(candidate.sha256(), path);
            imported.add(new ImportedFile(candidate.source(), candidate.kind(), path, false));
            stored.add(path);
            details.put(SHA256_OF + path, candidate.sha256());
        }
        if (stored.isEmpty()) {
            return new ImportReport(cycle, imported, Optional.empty());
        }
        Map<String, String> event = new LinkedHashMap<>();
        event.put("files", String.join(",", stored));
        event.put("count", Integer.toString(stored.size()));
        event.putAll(details);
        RecordedEvent recorded;
        try {
            recorded = status.history().isEmpty() && recorder.isPresent()
                    ? recorder.get().record(cycle, EventType.OUTCOMES_IMPORTED, event, status.history(), createdAt)
                    : workspace.record(cycle, EventType.OUTCOMES_IMPORTED, event);
        } catch (PlanningException e) {
            throw Unrecorded.explain(e, stored.size() == 1 ? stored.get(0) : stored.size() + " stored outcomes ("
                    + String.join(", ", stored) + ")", "once the cause is fixed, import the same files again to"
                    + " record them");
        }
        return new ImportReport(cycle, imported, Optional.of(recorded.event().id()));
    }

    /** Each stored path an {@code OUTCOMES_IMPORTED} event names has a detail of its own, this and the path. */
    private static final String SHA256_OF = "sha256.";

    /**
     * The stored paths the cycle's {@code OUTCOMES_IMPORTED} events name: each from its {@code sha256.PATH}
     * detail, whole, whatever the name holds. {@code files} joins the paths with commas, so a stored name
     * that holds one (committed so) split into two paths neither of which was recorded, and the same bytes
     * were recorded again on every import (review18, errors19); it is read only for an event without such
     * details.
     */
    private static Set<String> recordedPaths(List<RecordedEvent> history) {
        Set<String> paths = new HashSet<>();
        for (RecordedEvent recorded : history) {
            if (recorded.event().type() == EventType.OUTCOMES_IMPORTED) {
                Map<String, String> details = recorded.event().details();
                boolean hashed = false;
                for (String key : details.keySet()) {
                    if (key.startsWith(SHA256_OF) && key.length() > SHA256_OF.length()) {
                        paths.add(key.substring(SHA256_OF.length()));
                        hashed = true;
                    }
                }
                if (!hashed) {
                    for (String path : details.getOrDefault("files", "").split(",", -1)) {
                        if (!path.isEmpty()) {
                            paths.add(path);
                        }
                    }
                }
            }
        }
        return paths;
    }

    /**
     * Refuses, before anything is stored, deployments files that would count something twice with the
     * cycle's stored ones or with each other ({@link OutcomeSet#requireDistinctDeployments}): the digest
     * refuses such a pair, so storing it would only leave the cycle's figures refused later. A file already
     * imported (the same bytes) is no repeat of itself. A stored deployments file that cannot be read or
     * parsed refuses the import too, naming it (its ids cannot be told). A file given whose deployment is dated
     * before the cycle's creation, or lists a task that is no work item of the plan, is refused too
     * ({@link DeploymentScope}).
     *
     * @throws InvalidInputException naming both files, the stored one by its workspace-relative path
     */
    private void requireDistinctDeployments(CycleRef cycle, List<Candidate> candidates, List<Optional<String>> existing,
            List<RecordedEvent> history, Instant createdAt) {
        List<Candidate> fresh = new ArrayList<>();
        Set<String> hashes = new HashSet<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate candidate = candidates.get(i);
            if (candidate.kind() == OutcomeKind.DEPLOYMENTS && existing.get(i).isEmpty()
                    && hashes.add(candidate.sha256())) {
                fresh.add(candidate);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        DeploymentLogReader reader = new DeploymentLogReader();
        List<OutcomeSet.Stored<DeploymentLog>> files = new ArrayList<>();
        OutcomeSnapshot snapshot = OutcomeSnapshot.read(workspace.root(),
                layout.outcomesDir(cycle) + "/" + OutcomeKind.DEPLOYMENTS.directory());
        if (!snapshot.unreadable().isEmpty()) {
            throw snapshot.unreadable().values().iterator().next();
        }
        for (OutcomeSnapshot.File file : snapshot.files()) {
            if (file.relative().indexOf('/') < 0) {
                files.add(new OutcomeSet.Stored<>(file.path(), file.sha256(), reader.parse(file.content(), file.path())));
            }
        }
        List<OutcomeSet.Stored<DeploymentLog>> given = new ArrayList<>();
        for (Candidate candidate : fresh) {
            String display = candidate.source().toString().replace('\\', '/');
            given.add(new OutcomeSet.Stored<>(display, candidate.sha256(), reader.parse(candidate.content(), display)));
        }
        files.addAll(given);
        try {
            OutcomeSet.requireDistinctDeployments(files);
            // The files given, not those stored: a file already imported is judged where it was (kpi37).
            // A cycle with no event yet is created by this import's record, stamped createdAt: a deployment before it
            // was stored, and the digest and the gates then refused it (review37b, kpi38).
            if (history.isEmpty() && recorder.isEmpty()) {
                throw new InvalidInputException("cycle " + cycle + " has no event yet, and this import cannot record"
                        + " its creation at the instant a deployment is judged against: create the cycle first, then"
                        + " import its deployments", SourceLocation.ofFile(given.get(0).path()));
            }
            DeploymentScope.of(history.isEmpty() ? () -> Optional.of(createdAt) : CycleCreation.of(history),
                    plans.apply(cycle)).require(given);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("nothing imported: " + e.getMessage(), e.location().orElse(null), e);
        }
    }

    /**
     * Refuses, before anything is stored, coverage reports that the cycle's stored ones could not be merged
     * with per source file ({@link CoverageReports#total}): an LCOV record of {@code LF}/{@code LH} totals for
     * a file another report names, a path that may name a file another report names otherwise. The gate and
     * the KPIs would refuse the pair, so storing it would only leave the cycle's coverage refused later. Each
     * report is judged as the gate will judge it, of the kind its stored path gives it; reports the cycle
     * already cannot merge are left to the gate, which names them (this import did not cause it).
     *
     * @throws InvalidInputException naming each file that cannot be merged, the candidate by its own path
     */
    private void requireMergeableCoverage(CycleRef cycle, List<Candidate> candidates, List<Optional<String>> existing) {
        String outcomes = layout.outcomesDir(cycle);
        List<CoverageReports.Entry> fresh = new ArrayList<>();
        Set<String> hashes = new HashSet<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate candidate = candidates.get(i);
            boolean lcov = candidate.kind() == OutcomeKind.LCOV;
            if ((lcov || candidate.kind() == OutcomeKind.JACOCO) && existing.get(i).isEmpty()
                    && hashes.add(candidate.sha256())) {
                String display = candidate.source().toString().replace('\\', '/');
                CoverageReport report = lcov ? Lcov.parse(candidate.content(), display)
                        : JacocoXml.parse(new ByteArrayInputStream(candidate.content()), display);
                String relative = candidate.kind().directory() + "/" + candidate.sha256().substring(0, PREFIX) + "-"
                        + safeName(candidate.source());
                fresh.add(new CoverageReports.Entry(CoverageKind.ofPath(relative), report, candidate.sha256()));
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        CoverageReports stored = CoverageReports.scan(workspace.root(), outcomes);
        try {
            stored.totals();
        } catch (InvalidInputException e) {
            return;
        }
        List<CoverageReports.Entry> all = new ArrayList<>(stored.reports());
        all.addAll(fresh);
        try {
            new CoverageReports(outcomes, all, List.of()).totals();
        } catch (InvalidInputException e) {
            List<Finding> errors = ErrorList.errors(e);
            if (errors.size() == 1) {
                throw new InvalidInputException("nothing imported: " + e.getMessage(), e.location().orElse(null), e);
            }
            throw ErrorList.exception("nothing imported: the coverage reports cannot be merged per source file with"
                    + " those stored in " + outcomes, errors, SourceLocation.ofFile(outcomes));
        }
    }

    /**
     * A stored file of the same content, whatever its name: a file named with the candidate's hash
     * prefix counts only when its whole SHA-256 is the candidate's. One with the prefix and other
     * bytes was not written by import (or collides): refused, naming it.
     */
    private Optional<String> existing(String dir, Candidate candidate) {
        String prefix = candidate.sha256().substring(0, PREFIX);
        Path directory = SafePaths.resolve(workspace.root(), dir);
        // A directory that cannot be examined or listed is refused: a stored copy in it would go unseen.
        List<String> names = DirectoryEntries.sorted(workspace.root(), directory,
                "import cannot tell whether the report is stored there already").stream()
                .map(p -> p.getFileName().toString())
                .filter(name -> name.startsWith(prefix + "-"))
                .toList();
        for (String name : names) {
            String path = dir + "/" + name;
            Path stored = directory.resolve(name);
            if (!Files.isRegularFile(stored, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidInputException("the stored outcome is not a regular file (a link or a directory);"
                        + " import never follows links: remove it", SourceLocation.ofFile(path));
            }
            String actual;
            try {
                actual = Sha256.hex(Files.readAllBytes(stored));
            } catch (IOException e) {
                throw new InvalidInputException("cannot read the stored outcome: " + Shown.why(e),
                        SourceLocation.ofFile(path), e);
            }
            if (!actual.equals(candidate.sha256())) {
                throw new InvalidInputException("the stored outcome's name claims the hash prefix " + prefix + " of "
                        + candidate.source().toString().replace('\\', '/') + " (sha256 " + candidate.sha256()
                        + "), but its content has sha256 " + actual + "; it was not stored by import. Nothing was"
                        + " imported: remove or rename it", SourceLocation.ofFile(path));
            }
            return Optional.of(path);
        }
        return Optional.empty();
    }

    /**
     * Refuses a directory that is, or lies under, a symbolic link: import would write through it to
     * wherever it points (inside the workspace, {@link SafePaths} keeps it there), for example into
     * another cycle's outcomes or evidence; and the gates never read outcomes through links.
     */
    private static void requireNoLink(Path realRoot, String dir) {
        if (!SafePaths.resolveUnder(realRoot, dir).linkFree()) {
            // Not link-free also when an entry cannot be examined: say that, not "a link".
            DirectoryEntries.attributes(realRoot, realRoot.resolve(dir), "import cannot store outcomes there",
                    LinkOption.NOFOLLOW_LINKS);
            throw new InvalidInputException("the outcomes directory " + Shown.path(dir) + " is or lies under a symbolic link;"
                    + " import never writes through links and the gates never read outcomes through them: replace"
                    + " the link with a plain directory. Nothing was imported", SourceLocation.ofFile(dir));
        }
    }

    /** The file's name with anything but letters, digits, dot, dash and underscore replaced. */
    static String safeName(Path source) {
        String name = source.getFileName() == null ? "outcome" : source.getFileName().toString();
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        // A leading dot would hide the file, and ".." must never become a path segment.
        safe = safe.replaceAll("^\\.+", "_");
        return safe.length() > 100 ? safe.substring(safe.length() - 100) : safe;
    }

    private static byte[] read(Path file, String display) {
        // A report under a directory that may not be searched is there but cannot be examined: refused as
        // unreadable, never "not found".
        Optional<BasicFileAttributes> attributes;
        try {
            // Not followed: a link where a CI job's glob finds reports (committed by a contributor) would have
            // import read the file behind it, a secret anywhere the job can read (outcome27).
            attributes = DirectoryEntries.attributesShown(file, display, "import cannot read the report",
                    LinkOption.NOFOLLOW_LINKS);
        } catch (SystemFailureException e) {
            throw e; // the system's (exit 3), not the report's (review34)
        } catch (PlanningException e) { // one refusal per file, with the others'
            throw new InvalidInputException(e.getMessage(), SourceLocation.ofFile(display), e);
        }
        if (attributes.isEmpty()) {
            throw new InvalidInputException("file not found (expected a report file to import)",
                    SourceLocation.ofFile(display));
        }
        if (attributes.get().isSymbolicLink()) {
            throw new InvalidInputException("is a symbolic link; import never follows a link it is given (one"
                    + " committed where reports are found could point at any file the job can read): name the file"
                    + " it points to", SourceLocation.ofFile(display));
        }
        if (!attributes.get().isRegularFile()) {
            // There, so not "not found": a directory (or a device) is not a report.
            throw new InvalidInputException("is " + (attributes.get().isDirectory() ? "a directory" : "not a regular file")
                    + " (expected a report file to import)", SourceLocation.ofFile(display));
        }
        // Opened without following a link (O_NOFOLLOW): one put in the file's place since it was examined is
        // refused, not read; and read to the bound, whatever size it was examined with.
        long size = attributes.get().size();
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] content = size > OutcomeFiles.MAX_BYTES ? new byte[0]
                    : in.readNBytes((int) OutcomeFiles.MAX_BYTES + 1);
            if (size > OutcomeFiles.MAX_BYTES || content.length > OutcomeFiles.MAX_BYTES) {
                throw new InvalidInputException("the file has " + Math.max(size, content.length)
                        + " bytes; outcome files are limited to " + OutcomeFiles.MAX_BYTES + " bytes",
                        SourceLocation.ofFile(display));
            }
            return content;
        } catch (IOException e) {
            // A read the disk failed (EIO) is the system's (fail35: it was the report's, exit 2); a link put in the
            // file's place, which the open refused, stays the user's.
            if (!Files.isSymbolicLink(file) && !DirectoryEntries.usersToFix(file, e)) {
                throw DirectoryEntries.cannotRead(file, display, "import cannot read the report", e);
            }
            throw new InvalidInputException("cannot read the file: " + Shown.why(e), SourceLocation.ofFile(display), e);
        }
    }

    private record Candidate(Path source, byte[] content, OutcomeKind kind, String sha256) {
    }
}
