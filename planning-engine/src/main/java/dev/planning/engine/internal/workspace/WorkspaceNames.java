package dev.planning.engine.internal.workspace;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the code that chooses a cycle's inputs by name ({@link WorkspaceScanner}, the path lookups of
 * {@code CycleArtifacts} and {@code EvidenceInputs}) asks of a workspace: which names are regular
 * files, which are directories, and what a directory holds. Nothing is read.
 *
 * <p>Two views answer alike: the work tree ({@link #of(Path)}: the file system, failing closed on an
 * entry that cannot be examined), and a set of file names ({@link #ofFiles}: a commit's names, told
 * by {@code GitRepository.entries}), where each name is a regular file and its parents are the
 * directories. So the inputs the gates would read at a commit are told by the very code that tells
 * them in a work tree, without writing anything (seal24: before, a temporary directory of empty
 * files of those names was written for it).
 */
public interface WorkspaceNames {

    /**
     * Whether a workspace-relative path is a regular file (links followed).
     *
     * @param without what cannot be done without it, for a work tree's refusal
     * @throws UnreadableInputException (a work tree) when it cannot be examined
     */
    boolean isRegularFile(String path, String without);

    /**
     * Whether a workspace-relative path is a directory (links followed).
     *
     * @throws UnreadableInputException (a work tree) when it cannot be examined
     */
    boolean isDirectory(String path, String without);

    /**
     * The names of a workspace-relative directory's entries, sorted; empty when it is no directory.
     *
     * @throws UnreadableInputException (a work tree) when it cannot be listed
     */
    List<String> entries(String directory, String without);

    /** The work tree of {@code workspace}, as {@link DirectoryEntries} and {@link SafePaths} see it. */
    static WorkspaceNames of(Path workspace) {
        Objects.requireNonNull(workspace, "workspace");
        return new WorkspaceNames() {
            @Override
            public boolean isRegularFile(String path, String without) {
                return DirectoryEntries.isRegularFile(workspace, SafePaths.resolve(workspace, path), without);
            }

            @Override
            public boolean isDirectory(String path, String without) {
                return DirectoryEntries.attributes(workspace, workspace.resolve(path), without)
                        .map(BasicFileAttributes::isDirectory).orElse(false);
            }

            @Override
            public List<String> entries(String directory, String without) {
                return DirectoryEntries.sorted(workspace, workspace.resolve(directory), without).stream()
                        .map(entry -> entry.getFileName().toString()).toList();
            }
        };
    }

    /**
     * A tree of names alone: each of {@code files} (workspace-relative, {@code /}-separated) is a
     * regular file, and every directory above one is a directory; nothing else exists.
     */
    static WorkspaceNames ofFiles(Collection<String> files) {
        TreeSet<String> names = new TreeSet<>(files);
        return new WorkspaceNames() {
            @Override
            public boolean isRegularFile(String path, String without) {
                return names.contains(path);
            }

            @Override
            public boolean isDirectory(String path, String without) {
                String prefix = path + "/";
                String next = names.ceiling(prefix);
                return next != null && next.startsWith(prefix);
            }

            @Override
            public List<String> entries(String directory, String without) {
                String prefix = directory + "/";
                Set<String> entries = new TreeSet<>();
                for (String name : names.tailSet(prefix)) {
                    if (!name.startsWith(prefix)) {
                        break;
                    }
                    String rest = name.substring(prefix.length());
                    int slash = rest.indexOf('/');
                    entries.add(slash < 0 ? rest : rest.substring(0, slash));
                }
                return List.copyOf(entries);
            }
        };
    }
}
