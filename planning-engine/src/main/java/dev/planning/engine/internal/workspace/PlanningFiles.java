package dev.planning.engine.internal.workspace;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;

/**
 * Which cycles have a planning file, by one definition for every reader ({@code PlanningWorkspace.cycles()},
 * {@code exists}, the gates' {@code files().cycles(stream)} and previous cycle, {@code planning lint}, the
 * rulebook impact of {@code planning rules diff}): a cycle
 * whose name a planning file bears counts when that file is a regular file, as every reader of it sees it
 * ({@link SafePaths}: a link inside the workspace followed). A planning file's name on a dangling symbolic link,
 * a link out of the workspace or what is no regular file is refused, naming it, never skipped nor listed
 * (cycles28: the gates' previous cycle and {@code planning lint} went by names alone).
 */
public final class PlanningFiles {

    /** What cannot be done without a planning file that cannot be examined. */
    private static final String WITHOUT = "the workspace's cycles cannot be told without it";

    private PlanningFiles() {
    }

    /**
     * The stream's cycles with a planning file, by cycle id.
     *
     * @throws InvalidInputException when one of their planning files is a dangling link, a link out of the
     *                               workspace or no file
     */
    public static List<CycleRef> cycles(Path root, WorkspaceLayout layout, String stream) {
        Path real = SafePaths.realWorkspace(root);
        return new WorkspaceScanner(root, layout).cycles(stream).stream()
                .filter(cycle -> present(real, layout, cycle))
                .toList();
    }

    /**
     * Every stream's cycles with a planning file, by stream then cycle id (the rulebook impact's cycles).
     *
     * @throws InvalidInputException when one of their planning files is a dangling link, a link out of the
     *                               workspace or no file
     */
    public static List<CycleRef> cycles(Path root, WorkspaceLayout layout) {
        return new WorkspaceScanner(root, layout).streams().stream()
                .flatMap(stream -> cycles(root, layout, stream).stream())
                .toList();
    }

    /**
     * Whether one of the cycle's planning files is a regular file; every one is examined, so each refusal
     * is had.
     *
     * @param real the workspace's real path ({@link SafePaths#realWorkspace})
     * @throws InvalidInputException when one of its planning files is a dangling link, a link out of the
     *                               workspace or no file
     */
    public static boolean present(Path real, WorkspaceLayout layout, CycleRef cycle) {
        boolean found = false;
        for (String path : layout.planningFiles(cycle)) {
            found |= isPlanningFile(real, path);
        }
        return found;
    }

    /**
     * Whether a planning file is there. Refused, naming it: a link whose target is missing (no file to read,
     * never a cycle nor silently none), a path through a link out of the workspace, and a name on what is no
     * regular file (a directory), as the event-log listing refuses a log's name on them.
     */
    private static boolean isPlanningFile(Path real, String path) {
        Path file = real.resolve(path);
        Optional<BasicFileAttributes> entry = DirectoryEntries.attributes(real, file, WITHOUT,
                LinkOption.NOFOLLOW_LINKS);
        if (entry.isEmpty()) {
            return false;
        }
        if (entry.get().isSymbolicLink() && DirectoryEntries.attributes(real, file, WITHOUT).isEmpty()) {
            throw new InvalidInputException("planning file " + Shown.path(path) + " is a symbolic link whose target"
                    + " does not exist: a dangling link is no cycle's file, and the workspace's cycles cannot be told"
                    + " while it is there; remove the link or restore its target", SourceLocation.ofFile(path));
        }
        // Refuses a link out of the workspace, naming the path, as every reader of the file does.
        SafePaths.resolveUnder(real, path);
        if (!DirectoryEntries.isRegularFile(real, file, WITHOUT)) {
            throw new InvalidInputException("planning file " + Shown.path(path) + " is no regular file (a directory?):"
                    + " the workspace's cycles cannot be told without telling what it holds; remove it or put the"
                    + " file there", SourceLocation.ofFile(path));
        }
        return true;
    }
}
