package dev.planning.engine.internal.git;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.engine.internal.workspace.SafePaths;
import dev.planning.engine.internal.workspace.Shown;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether a file the engine is about to rely on could have come from a commit: the adversary of
 * SPEC §8 can commit any file, so a trust file, a private key or a compiled-rulebook cache entry
 * that git tracks in the repository holding the workspace (or the cache) is theirs to write or to
 * read. One rule for all of them:
 *
 * <ul>
 *   <li>a file inside the workspace (after following symbolic links) is refused outright;</li>
 *   <li>a file elsewhere in the git work tree that holds the workspace (a monorepo's {@code ci/}
 *       beside its {@code planning/}) is refused when git tracks it, in the index or in
 *       {@code HEAD}, as given or as its links resolve: a committed link to a file outside is as
 *       much the adversary's as the file;</li>
 *   <li>a file there that no commit put there (a secret the CI mounts into the checkout, a
 *       git-ignored build output) and a file outside any work tree are accepted.</li>
 * </ul>
 *
 * <p>The repository is opened only when the file lies in the work tree, so the usual case, a file
 * outside it, costs a walk up the directories and no git.
 */
public final class OutsideRepository {

    private OutsideRepository() {
    }

    /**
     * Refuses {@code file} when it lies inside {@code workspace} or git tracks it in the work tree
     * that holds the workspace.
     *
     * @param inside    the message when the file lies inside the workspace
     * @param committed the message when git tracks it, given the work tree's root as shown: relative to the
     *                  workspace, ending ", relative to the workspace" ({@code .., relative to the workspace})
     * @throws InvalidInputException with that message, located at the file as given, then where it
     *         resolved when that differs ({@link SafePaths#shown})
     * @throws dev.planning.api.PlanningException when the repository's index or {@code HEAD} cannot be read
     */
    public static void require(Path file, Path workspace, String inside, Function<String, String> committed) {
        if (realOrAbsolute(file).startsWith(realOrAbsolute(workspace))) {
            throw new InvalidInputException(inside, SourceLocation.ofFile(SafePaths.shown(file)));
        }
        Optional<Path> workTree = trackedIn(file, workspace);
        if (workTree.isPresent()) {
            throw new InvalidInputException(committed.apply(shownFrom(workspace, workTree.get()) + ", relative to the"
                    + " workspace"), SourceLocation.ofFile(SafePaths.shown(file)));
        }
    }

    /**
     * A directory found from {@code from} (a work tree), named relative to it: never the machine's absolute
     * path, which a message would otherwise print (errors18); under {@code from} when it is given relative.
     *
     * @return {@code .} for {@code from} itself, {@code ..} for its parent, and so on
     */
    public static String shownFrom(Path from, Path directory) {
        Path relative = realOrAbsolute(from).relativize(realOrAbsolute(directory));
        if (!from.isAbsolute()) {
            relative = from.resolve(relative).normalize();
        }
        String shown = relative.toString().replace(directory.getFileSystem().getSeparator(), "/");
        return Shown.path(shown.isEmpty() ? "." : shown);
    }

    /**
     * The root of the git work tree holding {@code directory}, when git tracks {@code file} there
     * (in the index or in {@code HEAD}), the file as given (a link) or as its links resolve; or, when
     * that work tree's repository is a submodule of a larger one (the superproject's index or
     * {@code HEAD} records a gitlink at its root), the superproject's root when the superproject
     * tracks the file, and so on up: whoever commits to a superproject chooses its submodule's commit
     * and edits the superproject's own files alike.
     *
     * @return empty when {@code directory} is in no work tree, or the file lies outside it and every
     *     superproject that brings it, or no such repository tracks it
     * @throws dev.planning.api.PlanningException when a repository's index or {@code HEAD} cannot be read
     *         (named relative to {@code directory})
     */
    public static Optional<Path> trackedIn(Path file, Path directory) {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        Path real = realOrAbsolute(file);
        Path absolute = file.toAbsolutePath().normalize();
        Path given = absolute.getParent() == null ? absolute
                : realOrAbsolute(absolute.getParent()).resolve(absolute.getFileName().toString());
        Path start = realOrAbsolute(directory);
        Optional<Path> outermost = outermostWorkTree(start);
        if (outermost.isEmpty() || !(real.startsWith(outermost.get()) || given.startsWith(outermost.get()))) {
            return Optional.empty(); // the usual case, a file outside the repository: no need to open it
        }
        Path inner = null;
        for (Path at = start; at != null && enclosingWorkTree(at).isPresent(); ) {
            Optional<GitRepository> found = GitRepository.find(at);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            try (GitRepository git = found.get()) {
                Path workTree = git.workTree();
                // Errors name the repository's files from the directory as given (relative to it, or as typed).
                if (inner != null && !git.recordsSubmoduleAt(inner, directory)) {
                    return Optional.empty(); // an unrelated checkout around the workspace's own: not its committers'
                }
                for (Path candidate : new LinkedHashSet<>(List.of(given, real))) {
                    if (candidate.startsWith(workTree) && !candidate.equals(workTree) && git.tracks(candidate, directory)) {
                        return Optional.of(workTree);
                    }
                }
                inner = workTree;
                at = workTree.getParent();
            }
        }
        return Optional.empty();
    }

    /** The farthest directory at or above {@code directory} holding a {@code .git} entry: every work tree around it lies inside. */
    private static Optional<Path> outermostWorkTree(Path directory) {
        Path found = null;
        for (Path d = directory; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(".git"))) {
                found = d;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The nearest directory at or above {@code directory} holding a {@code .git} entry, as git finds it. */
    private static Optional<Path> enclosingWorkTree(Path directory) {
        for (Path d = directory; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(".git"))) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    private static Path realOrAbsolute(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
