package dev.planning.engine.internal.workspace;

import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import dev.planning.api.SystemFailureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.regex.Pattern;

/**
 * Resolves workspace-relative paths taken from files or users (a cycle id, an artifact path in a
 * manifest) so that they cannot leave the workspace.
 *
 * <pre>{@code
 * Path file = SafePaths.resolve(workspace, "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml");
 * SafePaths.resolve(workspace, "../etc/passwd");   // InvalidInputException
 * }</pre>
 */
public final class SafePaths {

    /** The control characters (ASCII 0-31 and 127) a message shows as {@code ?}. */
    /** A Windows drive prefix ({@code C:...}). */
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private SafePaths() {
    }

    /**
     * The file a workspace-relative, {@code /}-separated path names.
     *
     * <p>Refuses, with an {@link InvalidInputException} naming the path: an empty path, an
     * absolute path, a {@code ..} segment, a backslash, NUL or other control characters, and a path
     * whose existing part resolves (following symbolic links) outside the workspace, including
     * through a dangling link.
     *
     * @param workspace the workspace root; must exist
     * @param relative  the path inside it
     * @return the absolute, normalized path under the workspace (not the link-resolved one)
     */
    public static Path resolve(Path workspace, String relative) {
        return resolveUnder(realWorkspace(workspace), relative).path();
    }

    /**
     * A path resolved by {@link #resolveUnder}.
     *
     * @param path     the absolute, normalized path under the workspace
     * @param linkFree whether no existing entry on the way from the workspace down to it (itself
     *                 included) is a symbolic link: then {@code path} is its own real path, as far
     *                 as it exists
     */
    public record Resolved(Path path, boolean linkFree) {
    }

    /**
     * A path resolved by {@link #examineUnder}, with what the check saw of the path's last entry.
     *
     * @param resolved the path, as {@link #resolveUnder} gives it
     * @param last     the last entry's attributes as read by the check, without following a link,
     *                 when the path is {@linkplain Resolved#linkFree() link-free} and the entry
     *                 exists; otherwise {@code null}
     */
    public record Examined(Resolved resolved, BasicFileAttributes last) {
    }

    /**
     * Like {@link #resolve(Path, String)}, under a workspace whose real path the caller already
     * holds (so that a caller resolving many paths resolves the workspace's links once), and also
     * telling whether the path went through a symbolic link.
     *
     * @param realRoot the workspace's {@linkplain Path#toRealPath real path}
     * @param relative the path inside it
     * @throws InvalidInputException as {@link #resolve(Path, String)} does
     */
    public static Resolved resolveUnder(Path realRoot, String relative) {
        return examineUnder(realRoot, relative).resolved();
    }

    /**
     * Like {@link #resolveUnder}, also handing over the attributes the check read of the path's
     * last entry, so that a caller about to examine that file need not read them again.
     *
     * @throws InvalidInputException as {@link #resolve(Path, String)} does
     */
    public static Examined examineUnder(Path realRoot, String relative) {
        return route(realRoot, relative).examine();
    }

    /**
     * A workspace-relative path checked as text, before any file is looked at: the path under the
     * workspace and the path of each entry from the workspace down to it. The text checks of
     * {@link #resolve(Path, String)} depend on nothing but the root and the text, so a caller that
     * reaches the same path again and again (an event log, twice per transition) may keep its route;
     * what the file system holds is examined anew on every {@link #examine()}.
     *
     * @see #route(Path, String)
     * @since 0.1
     */
    public static final class Route {

        private final Path root;
        private final Path target;
        private final String shown;
        /** Each entry below the root, from the first to {@code target} itself. */
        private final Path[] entries;

        private Route(Path root, Path target, String shown) {
            this.root = root;
            this.target = target;
            this.shown = shown;
            Path relative = root.relativize(target);
            this.entries = new Path[relative.getNameCount()];
            Path current = root;
            for (int i = 0; i < entries.length; i++) {
                current = current.resolve(relative.getName(i));
                entries[i] = current;
            }
        }

        /** The absolute, normalized path under the workspace (not the link-resolved one); never {@code null}. */
        public Path path() {
            return target;
        }

        /**
         * Examines the path as it is now: every existing entry from the workspace down is read
         * without following links ({@code lstat}); through a link, the longest existing prefix must
         * resolve inside the workspace.
         *
         * @throws InvalidInputException as {@link SafePaths#resolve(Path, String)} does
         */
        public Examined examine() {
            Walk walk = walk(entries, target);
            if (walk.linkFree()) {
                return new Examined(new Resolved(target, true), walk.last());
            }
            requireInside(root, target, shown);
            return new Examined(new Resolved(target, false), null);
        }
    }

    /**
     * Checks a workspace-relative path as text (no file is looked at), refusing what
     * {@link #resolve(Path, String)} refuses before it looks at the file system.
     *
     * @param realRoot the workspace's {@linkplain Path#toRealPath real path}
     * @param relative the path inside it
     * @return its route, to {@linkplain Route#examine() examine} now or later; never {@code null}
     * @throws InvalidInputException as {@link #resolve(Path, String)} does
     */
    public static Route route(Path realRoot, String relative) {
        String shown = printable(relative);
        if (relative.isEmpty()) {
            throw refuse(shown, "it is empty");
        }
        if (relative.chars().anyMatch(Character::isISOControl)) {
            throw refuse(shown, "it contains NUL or control characters");
        }
        if (relative.indexOf('\\') >= 0) {
            throw refuse(shown, "it contains a backslash; use / between directories");
        }
        if (relative.startsWith("/") || DRIVE.matcher(relative).matches()) {
            throw refuse(shown, "it is absolute; expected a path relative to the workspace");
        }
        for (String segment : relative.split("/")) {
            if (segment.equals("..")) {
                throw refuse(shown, "it contains a '..' segment");
            }
        }
        Path root = realRoot;
        Path target;
        try {
            target = root.resolve(relative).normalize();
        } catch (InvalidPathException e) {
            throw refuse(shown, "it is not a valid path (" + e.getReason() + ")");
        }
        if (!target.startsWith(root)) {
            throw refuse(shown, "it resolves outside the workspace");
        }
        return new Route(root, target, shown);
    }

    /** {@code file} relative to the workspace, with {@code /} separators, for display. */
    public static String relativize(Path workspace, Path file) {
        Path base = workspace.toAbsolutePath().normalize();
        Path path = file.toAbsolutePath().normalize();
        String relative = path.startsWith(base) ? base.relativize(path).toString() : path.toString();
        return relative.replace(path.getFileSystem().getSeparator(), "/");
    }

    /**
     * A path as the user gave it, then, when it is relative or not normalized, the absolute path it
     * resolved to: {@code nope (/home/me/nope)}, on one line; {@link Printable#path}, which the
     * command line (kept to the public API) calls itself.
     *
     * @param given the path as given
     * @return the text to show
     */
    public static String shown(Path given) {
        return Printable.path(given);
    }

    /**
     * The longest existing prefix of the target must stay inside once links are followed. Called
     * only for a path with a link on the way ({@link #walk}): {@code root} is a real path,
     * so without links the prefix is its own real path, inside. {@code toRealPath}, whose system
     * call re-reads every entry from {@code /}, costs more than the few {@code lstat}s below the
     * root (an event log is reached twice per transition, so this is on the durable writer's path).
     */
    private static void requireInside(Path root, Path target, String shown) {
        Path existing = target;
        while (existing != null && !existing.equals(root) && !exists(existing, shown)) {
            existing = existing.getParent();
        }
        if (existing == null || existing.equals(root)) {
            return;
        }
        Path real;
        try {
            real = existing.toRealPath();
        } catch (NoSuchFileException e) {
            throw refuse(shown, "it goes through a symbolic link whose target does not exist");
        } catch (IOException e) {
            // fail36: a link whose target the disk fails to examine (EIO) was told as one whose target does not exist.
            if (DirectoryEntries.usersToFix(existing, e)) {
                throw refuse(shown, "it goes through a symbolic link that cannot be followed (" + Shown.reason(e) + ")");
            }
            throw systemFailed("path '" + shown + "'", e);
        }
        if (!real.startsWith(root)) {
            throw refuse(shown, "it goes through a symbolic link to " + real + ", outside the workspace");
        }
    }

    /**
     * Whether something is at {@code path} (a link not followed), failing closed on the system's failures: nothing is
     * there when the file system says so ({@code ENOENT}); a cause the user can fix ({@link
     * DirectoryEntries#usersToFix}: a file above it, a link that loops, a permission denied) is passed over as before,
     * the check going on from the directory above, which then says what is wrong, or the read does; a failure of the
     * system's (the disk answering {@code EIO}) is refused, exit 3 (errs37: {@code Files.exists} said "absent" for an
     * entry the disk failed to examine, and the check of links went on from the directory above and passed, whatever
     * link the entry is).
     */
    private static boolean exists(Path path, String shown) {
        try {
            Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            if (DirectoryEntries.usersToFix(path, e)) {
                return false;
            }
            throw systemFailed("path '" + shown + "'", e);
        }
    }

    /**
     * What {@link #walk} found: whether the path is link-free, and the attributes of its last entry
     * when it exists and was examined.
     */
    private record Walk(boolean linkFree, BasicFileAttributes last) {
    }

    /**
     * Whether every entry of the path that exists ({@code entries}, from the one below the root
     * down to the target) is a directory or file, not a symbolic link (entries after the first
     * missing one do not exist either). Not link-free when it cannot tell (an entry that cannot be
     * examined): the caller then resolves links the slow way.
     */
    private static Walk walk(Path[] entries, Path target) {
        Path current = null;
        BasicFileAttributes attributes = null;
        for (Path entry : entries) {
            current = entry;
            try {
                attributes = Files.readAttributes(current, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return new Walk(true, null);
            } catch (IOException e) {
                return new Walk(false, null);
            }
            if (attributes.isSymbolicLink() || attributes.isOther()) {
                return new Walk(false, null);
            }
        }
        return new Walk(true, target.equals(current) ? attributes : null);
    }

    /**
     * The workspace's real path.
     *
     * @throws InvalidInputException when it does not exist or cannot be read
     */
    public static Path realWorkspace(Path workspace) {
        try {
            return workspace.toRealPath();
        } catch (IOException e) {
            if (DirectoryEntries.usersToFix(workspace, e)) {
                throw new InvalidInputException("workspace " + shown(workspace) + " does not exist or cannot be read");
            }
            // fail36: a workspace the disk fails to examine (EIO) was told as one that does not exist, exit 2.
            throw systemFailed("workspace " + shown(workspace), e);
        }
    }

    /**
     * A path whose links could not be followed for a cause {@link DirectoryEntries#usersToFix} does not give the user
     * (the disk answering an I/O error): the system's, exit 3.
     */
    private static SystemFailureException systemFailed(String what, IOException e) {
        return new SystemFailureException(what + " cannot be resolved (" + Shown.reason(e) + "): the system failed, not"
                + " the input (a disk answering an I/O error, say); check the disk and try again (PLANNING_DEBUG=1 shows"
                + " the stack trace)", null, e);
    }

    private static InvalidInputException refuse(String shown, String reason) {
        return new InvalidInputException("path '" + shown + "' is refused: " + reason);
    }

    private static String printable(String text) {
        // As every message shows a character that is not seen as itself: its escape, never "?" (errors18).
        // Printable.line returns the same string, allocating nothing, when there is nothing to escape.
        return Printable.cut(text, Printable.PATH_CHARACTERS);
    }
}
