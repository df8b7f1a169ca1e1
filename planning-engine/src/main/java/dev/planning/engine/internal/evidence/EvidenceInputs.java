package dev.planning.engine.internal.evidence;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.cycle.CycleFiles;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.FileNames;
import dev.planning.engine.internal.workspace.SafePaths;
import dev.planning.engine.internal.workspace.WorkspaceNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files a gate of a cycle judges: the cycle's plan files (task breakdown, story map, decision
 * log), its contracts file, the capacity model, and the plans of the other streams that the gates
 * see ({@link CycleFiles#otherStreamPaths}). The built-in gates read nothing else of the
 * workspace at planning and handoff (parity_coverage reads outcomes only after execution), so
 * these files, with the rulebook, are every input of a verdict at sealing, and all of them are
 * sealed ({@link #paths}).
 *
 * <p>Each gate evidence file records the SHA-256 of exactly the inputs <em>that gate</em> judges
 * ({@link #judgedBy}, {@code inputs} in the evidence), not the whole set:
 *
 * <table>
 * <caption>Inputs by gate</caption>
 * <tr><th>gate</th><th>inputs</th></tr>
 * <tr><td>schema_lint</td><td>task breakdown, story map, decision log, contracts</td></tr>
 * <tr><td>parity_coverage</td><td>task breakdown, story map (after execution also the cycle's
 * outcome files)</td></tr>
 * <tr><td>cross_stream_consistency</td><td>task breakdown, the other streams' plans, contracts,
 * capacity model</td></tr>
 * <tr><td>governance</td><td>task breakdown, story map, decision log, contracts, the other
 * streams' plans</td></tr>
 * <tr><td>any other gate</td><td>every input above: what a plug-in gate reads cannot be known,
 * so it is bound to all of them</td></tr>
 * </table>
 *
 * <p>The manifest seals every one of them; {@code verify} checks that each evidence file records
 * exactly its gate's inputs among the sealed artifacts, with the sealed digests, before it
 * re-derives the verdict.
 */
public final class EvidenceInputs {

    private final Path workspace;
    private final WorkspaceLayout layout;

    public EvidenceInputs(Path workspace, WorkspaceLayout layout) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.layout = Objects.requireNonNull(layout, "layout");
    }

    /** The inputs of the cycle's verdicts that exist now, workspace-relative, in a stable order. */
    public List<String> paths(CycleRef cycle) {
        return paths(WorkspaceNames.of(workspace), layout, cycle);
    }

    /**
     * The inputs of the cycle's verdicts among {@code names}, workspace-relative, in a stable order: told
     * from names alone (nothing is read), so that the same code tells them in a work tree and among the
     * names a commit holds ({@link WorkspaceNames#ofFiles}).
     */
    public static List<String> paths(WorkspaceNames names, WorkspaceLayout layout, CycleRef cycle) {
        CycleFiles files = new CycleFiles(names, layout);
        Set<String> paths = new LinkedHashSet<>(files.artifactPaths(cycle));
        for (String optional : List.of(layout.contracts(cycle), layout.capacityModel())) {
            if (names.isRegularFile(optional, "the inputs of the cycle's verdicts cannot be told without it")) {
                paths.add(optional);
            }
        }
        paths.addAll(files.otherStreamPaths(cycle).values());
        return List.copyOf(paths);
    }

    /** What a gate of a cycle reads, by kind of input. */
    public enum Input {
        /** The cycle's task breakdown (any accepted name). */
        TASKS,
        /** The cycle's story map. */
        STORY_MAP,
        /** The cycle's decision log. */
        DECISION_LOG,
        /** The cycle's contracts file. */
        CONTRACTS,
        /** The workspace's capacity model. */
        CAPACITY,
        /** Another stream's plan. */
        OTHER_STREAM,
        /** The cycle's outcome files (only after execution). */
        OUTCOMES
    }

    private static final Map<String, Set<Input>> BY_GATE = Map.of(
            "schema_lint", EnumSet.of(Input.TASKS, Input.STORY_MAP, Input.DECISION_LOG, Input.CONTRACTS),
            "parity_coverage", EnumSet.of(Input.TASKS, Input.STORY_MAP, Input.OUTCOMES),
            "cross_stream_consistency", EnumSet.of(Input.TASKS, Input.OTHER_STREAM, Input.CONTRACTS, Input.CAPACITY),
            "governance", EnumSet.of(Input.TASKS, Input.STORY_MAP, Input.DECISION_LOG, Input.CONTRACTS,
                    Input.OTHER_STREAM));

    /** Whether the built-in table says exactly what {@code gate} reads ({@code false}: a plug-in gate, bound to all). */
    public static boolean knows(String gate) {
        return BY_GATE.containsKey(gate);
    }

    /**
     * Whether {@code gate} of {@code cycle} judges the file at {@code path}: a plug-in gate judges
     * every input (what it reads cannot be known); a built-in gate the kinds of its row above.
     * {@code path} is classified by name, so this also answers for sealed files that are gone.
     */
    public boolean judgedBy(String gate, CycleRef cycle, String path) {
        Set<Input> reads = BY_GATE.getOrDefault(gate, EnumSet.allOf(Input.class));
        return kind(cycle, path).filter(reads::contains).isPresent();
    }

    /**
     * The kind of input a path is for a cycle: one of its plan files, the capacity model, an outcome
     * file, or (any other plan file outside the cycle's evidence) another stream's plan; empty for
     * the cycle's evidence.
     */
    public Optional<Input> kind(CycleRef cycle, String path) {
        if (layout.taskBreakdownCandidates(cycle).contains(path)) {
            return Optional.of(Input.TASKS);
        } else if (path.equals(layout.storyMap(cycle))) {
            return Optional.of(Input.STORY_MAP);
        } else if (path.equals(layout.decisionLog(cycle))) {
            return Optional.of(Input.DECISION_LOG);
        } else if (path.equals(layout.contracts(cycle))) {
            return Optional.of(Input.CONTRACTS);
        } else if (path.equals(layout.capacityModel())) {
            return Optional.of(Input.CAPACITY);
        } else if (path.startsWith(layout.evidenceDir(cycle) + "/")) {
            return Optional.empty();
        } else if (path.startsWith(layout.outcomesDir(cycle) + "/")) {
            return Optional.of(Input.OUTCOMES);
        }
        return Optional.of(Input.OTHER_STREAM);
    }

    /**
     * The SHA-256 of each input of {@code gate} that exists now, by path: what its evidence records.
     * After execution ({@code postExecution}) the cycle's outcome files count too, for the gates that
     * read them.
     */
    public Map<String, String> digests(CycleRef cycle, String gate, boolean postExecution) {
        return digests(cycle, gate, postExecution, Optional.empty());
    }

    /**
     * As {@link #digests(CycleRef, String, boolean)}, with the outcome files the gate's context read
     * ({@code judgedOutcomes}: path to the SHA-256 of the bytes parsed) when it can tell: then exactly
     * those are recorded for the outcomes, so that a file changed, added or removed after the gate
     * read the directory is recorded as judged, not as found later. Without them the outcomes
     * directory is hashed as it is now.
     */
    public Map<String, String> digests(CycleRef cycle, String gate, boolean postExecution,
            Optional<Map<String, String>> judgedOutcomes) {
        List<String> paths = new ArrayList<>(paths(cycle).stream()
                .filter(path -> judgedBy(gate, cycle, path)).toList());
        boolean outcomes = postExecution && BY_GATE.getOrDefault(gate, EnumSet.allOf(Input.class))
                .contains(Input.OUTCOMES);
        if (outcomes && judgedOutcomes.isEmpty()) {
            paths.addAll(outcomeFiles(cycle));
        }
        Map<String, String> digests = digests(paths);
        if (outcomes) {
            judgedOutcomes.ifPresent(digests::putAll);
        }
        return digests;
    }

    /** The regular files under the cycle's outcomes directory, workspace-relative, sorted. */
    private List<String> outcomeFiles(CycleRef cycle) {
        Path dir = SafePaths.resolve(workspace, layout.outcomesDir(cycle));
        String without = "the evidence records the hash of every outcome file";
        // A directory that cannot be examined or walked is refused, never taken for no outcomes.
        if (!DirectoryEntries.attributes(workspace, dir, without, LinkOption.NOFOLLOW_LINKS)
                .map(BasicFileAttributes::isDirectory).orElse(false)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<String> files = new ArrayList<>();
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String path = layout.outcomesDir(cycle) + "/" + dir.relativize(p).toString().replace('\\', '/');
                // A name listed with U+FFFD names another file, whose hash would be recorded for it (parse25).
                if (!FileNames.namesItself(dir, p)) {
                    throw new InvalidInputException("the outcome file's name " + FileNames.NOT_UTF8
                            + " (or remove it and import the report again)", SourceLocation.ofFile(path));
                }
                files.add(path);
            }
            return files.stream().sorted().toList();
        } catch (IOException e) {
            throw DirectoryEntries.cannotList(workspace, dir, without, e);
        } catch (UncheckedIOException e) {
            Path where = e.getCause() instanceof FileSystemException failed && failed.getFile() != null
                    ? Path.of(failed.getFile()) : dir;
            throw DirectoryEntries.cannotList(workspace, where, without, e.getCause());
        }
    }

    /** The SHA-256 of each input that exists now, by path. */
    public Map<String, String> digests(CycleRef cycle) {
        return digests(paths(cycle));
    }

    private Map<String, String> digests(List<String> paths) {
        List<Path> files = paths.stream().map(p -> SafePaths.resolve(workspace, p)).toList();
        Map<Path, Sha256.FileDigest> digests = Sha256.files(files);
        Map<String, String> result = new LinkedHashMap<>();
        for (int i = 0; i < paths.size(); i++) {
            result.put(paths.get(i), digests.get(files.get(i)).sha256());
        }
        return result;
    }
}
