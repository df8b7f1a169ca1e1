package dev.planning.engine.internal.git;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.SystemFailureException;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.FileNames;
import dev.planning.engine.internal.workspace.SafePaths;
import dev.planning.engine.internal.workspace.Shown;
import dev.planning.engine.internal.workspace.UnreadableInputException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevWalkException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.FS;

/**
 * The git repository a workspace lives in (the workspace may be the repository's root or any
 * directory below it). Paths are workspace-relative, {@code /}-separated, as in manifests.
 *
 * <pre>{@code
 * try (GitRepository git = GitRepository.find(workspace).orElseThrow()) {
 *     String rev = git.head().orElseThrow();
 *     List<String> dirty = git.uncommitted(List.of("frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml"));
 * }
 * }</pre>
 *
 * <p>Not thread-safe; open one per operation.
 */
public final class GitRepository implements AutoCloseable {

    static final long MAX_KEPT_HISTORY_WEIGHT = 250_000;
    /**
     * {@link #history}'s kept walks, weighed by what each holds ({@link KeptHistory#weight}): at most 250,000 commit
     * ids and resolved entries together, a few tens of megabytes. A history longer than that is walked again by each
     * check that needs it.
     */
    private static final Cache<HistoryKey, KeptHistory> HISTORIES = Caffeine.newBuilder()
            .maximumWeight(MAX_KEPT_HISTORY_WEIGHT).weigher((HistoryKey key, KeptHistory history) -> history.weight())
            .build();
    private static final AtomicLong HISTORY_WALKS = new AtomicLong();

    private final Repository repository;
    private final String prefix;

    /** A history's key: the object directory it was read from and the commit it starts at. */
    private record HistoryKey(String objects, ObjectId head) {
    }

    /** A commit of a history, and its root tree. */
    private record CommitTree(String commit, ObjectId root) {
    }

    /**
     * A walked history, and what paths are in it, kept as they are resolved: by top directory, the entry of each
     * commit's root tree; below it, by that directory's tree and the rest of the path. Trees are named by their
     * content, so what a path is below one never changes.
     */
    private record KeptHistory(HistoryKey key, List<CommitTree> commits, Map<String, List<String>> tops,
            Map<TreePath, String> below) {

        /** Weighed again for what was resolved since it was kept; one evicted meanwhile stays out. */
        void reweigh() {
            if (key != null) {
                HISTORIES.asMap().replace(key, this);
            }
        }

        /** What it holds, counted for {@link #HISTORIES}' bound: one a commit, a resolved entry, a path below. */
        int weight() {
            long entries = tops.values().stream().mapToLong(List::size).sum();
            return (int) Math.min(Integer.MAX_VALUE, commits.size() + entries + below.size());
        }
    }

    /** A path below a tree. */
    private record TreePath(ObjectId tree, String path) {
    }

    private GitRepository(Repository repository, String prefix) {
        this.repository = repository;
        this.prefix = prefix;
    }

    /**
     * The repository containing a workspace, searching the workspace and its parents as git does:
     * the nearest {@code .git} entry decides, a directory git recognises as a repository, or a
     * {@code .git} file ({@code gitdir: PATH}, as in linked worktrees, submodules and
     * {@code --separate-git-dir}); the work tree is that entry's directory unless the repository's
     * {@code core.worktree} names another (a linked worktree's, as git does, never: those settings of
     * the shared config are the main worktree's, so a worktree of a bare clone is read). The process environment ({@code GIT_DIR},
     * {@code GIT_WORK_TREE}, {@code GIT_CEILING_DIRECTORIES}, {@code GIT_INDEX_FILE} ...) is never read.
     *
     * @return empty when there is no {@code .git} entry at or above the workspace
     * @throws PlanningException when a repository is found that cannot be opened or read (a
     *         {@code .git} file that names no repository, a {@code .git} entry that is neither file
     *         nor directory), that uses an object format other than SHA-1 ({@code
     *         extensions.objectFormat}, which JGit would misread) or a repository extension this tool
     *         does not know, or whose work tree does not hold the workspace (bare, or
     *         {@code core.worktree} elsewhere): the files git tracks there cannot be told
     */
    public static Optional<GitRepository> find(Path workspace) {
        try {
            Path real = workspace.toRealPath();
            for (Path at = real; at != null; at = at.getParent()) {
                Path dotGit = at.resolve(".git");
                if (!Files.exists(dotGit, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                if (Files.isDirectory(dotGit) && !RepositoryCache.FileKey.isGitRepository(dotGit.toFile(), FS.DETECTED)) {
                    if (holdsRepositoryFiles(dotGit)) {
                        throw new PlanningException("cannot open the git repository of " + SafePaths.shown(workspace) + ": "
                                + SafePaths.shown(dotGit) + " holds git's files (HEAD, objects, refs) but cannot be read as a"
                                + " repository (a file git needs unreadable, or damaged): which files git tracks there cannot"
                                + " be told; make it readable by the user running planning, or repair it");
                    }
                    continue; // git, too, passes over a .git directory that holds no repository
                }
                Path gitDir = Files.isDirectory(dotGit) ? dotGit : gitFile(dotGit, workspace);
                return Optional.of(open(gitDir, at, real, workspace));
            }
            return Optional.empty();
        } catch (IOException e) {
            // The file system's failure names its file (quoted; not the workspace again) and why in words
            // (Shown.reason): its message was the path alone for a missing or forbidden one (msg44). JGit's own say
            // what they found in words.
            throw new PlanningException("cannot open the git repository of " + SafePaths.shown(workspace) + ": "
                    + (e instanceof FileSystemException failed ? (failed.getFile() == null
                            || failed.getFile().equals(workspace.toString()) ? "" : Shown.path(failed.getFile()) + ": ")
                            + Shown.reason(e)
                            : Printable.line(String.valueOf(e.getMessage()))));
        } catch (IllegalArgumentException e) {
            throw new PlanningException("cannot open the git repository of " + SafePaths.shown(workspace) + ": "
                    + Printable.line(String.valueOf(e.getMessage())));
        }
    }

    /** Whether a {@code .git} directory JGit does not take for a repository still holds one's files, or cannot be listed. */
    private static boolean holdsRepositoryFiles(Path dotGit) {
        try (Stream<Path> entries = Files.list(dotGit)) {
            return entries.map(entry -> entry.getFileName().toString())
                    .anyMatch(name -> Set.of("HEAD", "objects", "refs", "config", "index").contains(name));
        } catch (IOException | UncheckedIOException e) {
            return true;
        }
    }

    /** Extensions this tool reads a repository under (lower case); {@code objectformat} only as SHA-1. */
    private static final Set<String> KNOWN_EXTENSIONS = Set.of("noop", "noop-v1", "objectformat", "preciousobjects",
            "partialclone", "worktreeconfig", "refstorage");

    /** The repository {@code gitDir}, found by a {@code .git} entry in {@code at}, holding {@code real}. */
    private static GitRepository open(Path gitDir, Path at, Path real, Path workspace) throws IOException {
        Repository repository = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
        try {
            var config = repository.getConfig();
            String format = config.getString("extensions", null, "objectformat");
            if (format != null && !format.equalsIgnoreCase("sha1")) {
                // JGit opens such a repository and reads its object ids cut to 40 digits: HEAD, the
                // index and every object would be misread. Refuse it by name, before anything is read.
                throw new PlanningException("the git repository of " + SafePaths.shown(workspace) + " uses the object format '"
                        + Printable.line(format) + "', which this tool cannot read (JGit reads SHA-1 repositories only): seal,"
                        + " verify and the checks of trust files and keys need a SHA-1 repository");
            }
            if (config.getInt("core", null, "repositoryformatversion", 0) >= 1) {
                for (String extension : config.getNames("extensions")) {
                    if (!KNOWN_EXTENSIONS.contains(extension.toLowerCase(Locale.ROOT))) {
                        throw new PlanningException("the git repository of " + SafePaths.shown(workspace)
                                + " uses the repository extension '" + Printable.line(extension) + "', which this tool does"
                                + " not know (git, too, refuses a repository with an extension it does not know): which files"
                                + " git tracks there cannot be told; use a repository without it");
                    }
                }
            }
            // A linked worktree's git directory (it holds a commondir file) shares the main repository's
            // config, whose core.bare and core.worktree git applies to the main worktree only (setup.c):
            // a worktree of a bare clone is no bare repository, and its work tree is where its .git file is.
            boolean linked = Files.isRegularFile(gitDir.resolve("commondir"));
            boolean bare = !linked && config.getBoolean("core", "bare", false);
            String configured = linked ? null : config.getString("core", null, "worktree");
            if (config.getBoolean("extensions", "worktreeconfig", false)) {
                // git reads the worktree's own config.worktree over config (a linked worktree's too); JGit
                // does not: refuse what would place the work tree there rather than guess.
                Path own = gitDir.resolve("config.worktree");
                if (Files.exists(own)) {
                    FileBasedConfig worktreeConfig = new FileBasedConfig(own.toFile(), FS.DETECTED);
                    try {
                        worktreeConfig.load();
                    } catch (ConfigInvalidException e) {
                        throw unlocated(workspace, at, "its config.worktree cannot be read (" + Shown.why(e) + ")");
                    }
                    if (worktreeConfig.getString("core", null, "worktree") != null
                            || worktreeConfig.getString("core", null, "bare") != null) {
                        throw unlocated(workspace, at, "its config.worktree sets core.worktree or core.bare, which this"
                                + " tool does not read");
                    }
                }
            }
            if (bare) {
                throw unlocated(workspace, at, "the repository is bare (core.bare), so it has no work tree");
            }
            if (configured == null && !at.equals(repository.isBare() ? null : realOrNull(repository.getWorkTree().toPath()))) {
                // A .git file or a linked worktree's git directory: the work tree is where the entry is.
                repository.close();
                repository = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setWorkTree(at.toFile())
                        .setMustExist(true).build();
            }
            Path workTree = repository.isBare() ? null : realOrNull(repository.getWorkTree().toPath());
            if (workTree == null || !real.startsWith(workTree)) {
                throw unlocated(workspace, at, "its work tree (core.worktree " + (configured == null ? "unset"
                        : "'" + Printable.line(configured) + "'") + ") does not hold the workspace");
            }
            String prefix = workTree.relativize(real).toString().replace(real.getFileSystem().getSeparator(), "/");
            return new GitRepository(repository, prefix.isEmpty() ? "" : prefix + "/");
        } catch (IOException | RuntimeException e) {
            repository.close();
            throw e;
        }
    }

    private static PlanningException unlocated(Path workspace, Path at, String why) {
        return new PlanningException("cannot tell which files git tracks around " + SafePaths.shown(workspace) + ": the"
                + " .git entry in " + SafePaths.shown(at) + " is git's, but " + why + "; seal, verify and the checks of"
                + " trust files and keys need the work tree that holds the workspace (or no repository at all)");
    }

    private static Path realOrNull(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }

    /** The git directory a {@code .git} file names ({@code gitdir: PATH}, relative to the file's directory). */
    private static Path gitFile(Path dotGit, Path workspace) throws IOException {
        if (!Files.isRegularFile(dotGit)) {
            throw new PlanningException("cannot open the git repository of " + SafePaths.shown(workspace) + ": "
                    + SafePaths.shown(dotGit) + " is neither a directory nor a file; git refuses it too: remove it or"
                    + " make it the repository's .git");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(dotGit)) {
            bytes = in.readNBytes(64 * 1024);
        }
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        if (!text.startsWith("gitdir: ") || text.length() == "gitdir: ".length() || text.contains("\n")) {
            throw new PlanningException("cannot open the git repository of " + SafePaths.shown(workspace) + ": "
                    + SafePaths.shown(dotGit) + " is a .git file that does not name a git directory (one line"
                    + " 'gitdir: PATH'); git refuses it too: fix it or remove it");
        }
        Path gitDir = dotGit.getParent().resolve(text.substring("gitdir: ".length()));
        // Under a directory that may not be searched it is there but unreadable: refused as such, not as "moved".
        if (!DirectoryEntries.attributesShown(gitDir, gitDir.toString(), "which files git tracks around "
                + SafePaths.shown(workspace) + " cannot be told").map(BasicFileAttributes::isDirectory).orElse(false)) {
            throw new PlanningException("cannot open the git repository of " + SafePaths.shown(workspace) + ": the .git file "
                    + SafePaths.shown(dotGit) + " names " + SafePaths.shown(gitDir) + ", which is no directory (a moved or"
                    + " deleted repository); git refuses it too: fix the .git file or remove it");
        }
        return gitDir;
    }

    /** The root of the repository's work tree (real path), which holds the workspace. */
    public Path workTree() {
        try {
            return repository.getWorkTree().toPath().toRealPath();
        } catch (IOException e) {
            throw new PlanningException("cannot resolve the work tree " + Shown.path(repository.getWorkTree()) + ": "
                    + Shown.reason(e));
        }
    }

    /**
     * Whether git tracks {@code file} (a path inside {@link #workTree()}): it is in the index or in
     * {@code HEAD}'s tree, so it comes from a commit; or a directory above it is not a directory to
     * git (a submodule's gitlink, a file, a link), so what lies there came from another commit that
     * the repository names (a submodule's files are under no path of the repository's own).
     *
     * @param from the directory the question is asked from (the workspace): an error names the
     *             repository's files relative to it, never by their absolute paths
     * @throws UnreadableInputException when the index or
     *         {@code HEAD} cannot be read
     */
    public boolean tracks(Path file, Path from) {
        String path = workTree().relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        var index = index(from);
        ObjectId head = headTree(from);
        try {
            // The path itself, then each directory above it: an index entry there is never a directory.
            for (String at = path; !at.isEmpty(); at = at.lastIndexOf('/') < 0 ? "" : at.substring(0, at.lastIndexOf('/'))) {
                if (index.findEntry(at) >= 0) {
                    return true;
                }
                if (head != null) {
                    try (TreeWalk walk = TreeWalk.forPath(repository, at, head)) {
                        if (walk != null && (at.equals(path) || !FileMode.TREE.equals(walk.getFileMode(0)))) {
                            return true;
                        }
                    }
                }
            }
            return false;
        } catch (IOException | IndexOutOfBoundsException e) {
            throw unreadableHead(from, e);
        }
    }

    /**
     * Whether the index or {@code HEAD} records a submodule (a gitlink) at {@code directory}, a path
     * inside {@link #workTree()}: the repository whose work tree lies there is then this one's
     * submodule, its commit chosen by whoever commits here.
     *
     * @param from the directory the question is asked from (the workspace), as for {@link #tracks}
     * @throws UnreadableInputException when the index or
     *         {@code HEAD} cannot be read
     */
    public boolean recordsSubmoduleAt(Path directory, Path from) {
        Path root = workTree();
        if (!directory.startsWith(root) || directory.equals(root)) {
            return false;
        }
        String path = root.relativize(directory).toString().replace(directory.getFileSystem().getSeparator(), "/");
        var index = index(from);
        int entry = index.findEntry(path);
        if (entry >= 0 && FileMode.GITLINK.equals(index.getEntry(entry).getFileMode())) {
            return true;
        }
        ObjectId head = headTree(from);
        if (head == null) {
            return false;
        }
        try (TreeWalk walk = TreeWalk.forPath(repository, path, head)) {
            return walk != null && FileMode.GITLINK.equals(walk.getFileMode(0));
        } catch (IOException | IndexOutOfBoundsException e) {
            throw unreadableHead(from, e);
        }
    }

    private DirCache index(Path from) {
        try {
            return readIndex(OutsideRepository.shownFrom(from, repository.getIndexFile().toPath()));
        } catch (IOException e) {
            throw unreadable(repository.getIndexFile().toPath(), from, e);
        }
    }

    /**
     * The index, refused as damaged when it is no index git could have written (gittree27: JGit calls that a corrupt
     * object, which it is not; it was refused as a file to make readable, or, read by git's status, ended {@code seal}
     * as an internal error).
     *
     * @param shown the index file as a message names it
     * @throws IOException when the file cannot be read
     */
    private DirCache readIndex(String shown) throws IOException {
        try {
            return repository.readDirCache();
        } catch (CorruptObjectException | EOFException e) {
            throw new PlanningException("cannot tell which files git tracks: the git index " + shown + " is damaged ("
                    + Printable.line(String.valueOf(e.getMessage())) + "); git refuses it too: rebuild it (remove it and"
                    + " run `git reset` in the repository, which reads HEAD again and keeps the work tree's files)");
        }
    }

    private ObjectId headTree(Path from) {
        try {
            return repository.resolve("HEAD^{tree}");
        } catch (IOException | IndexOutOfBoundsException e) {
            throw unreadableHead(from, e);
        }
    }

    /**
     * The refusal of {@code HEAD}'s commit or tree that cannot be read, named from {@code from}: a missing or
     * corrupt object as such, with what to do (gittree27: it was refused as an unreadable {@code .git}, to be made
     * readable, or, a tree cut short, ended the command as an internal error); a file that cannot be read as such.
     */
    RuntimeException unreadableHead(Path from, Exception e) {
        String where = "cannot tell which files git tracks in " + OutsideRepository.shownFrom(from, workTree())
                + ", relative to the workspace";
        Optional<PlanningException> damage = damaged(where, e);
        if (damage.isPresent()) {
            return damage.get();
        }
        if (e instanceof IOException io) {
            return unreadable(repository.getDirectory().toPath(), from, io);
        }
        // robust28: an IndexOutOfBoundsException JGit's parsing did not throw is a bug of ours: an internal error.
        return (RuntimeException) e;
    }

    /**
     * The refusal of a repository file that cannot be read, named relative to {@code from} ({@code
     * ../.git/index} from a workspace in a monorepo; under {@code from} when it is given relative), with the file system's reason: JGit's own
     * message repeats the absolute path.
     */
    private static PlanningException unreadable(Path file, Path from,
            IOException e) {
        Path base = realOrAbsolute(from);
        Path target = realOrAbsolute(file);
        Path relative = base.relativize(target);
        // A directory given relative (a store configuration's, as the user typed its path) names the file
        // under it, as the user would reach it: ci/store.properties's repository index is .git/index (errors18).
        if (!from.isAbsolute()) {
            relative = from.resolve(relative).normalize();
        }
        String shown = relative.toString().replace(target.getFileSystem().getSeparator(), "/");
        IOException why = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FileSystemException failed) {
                why = failed;
                break;
            }
        }
        if (why == e && Files.exists(target) && !Files.isReadable(target)) {
            why = new AccessDeniedException(shown);
        }
        return DirectoryEntries.cannotRead(shown.isEmpty() ? "." : shown,
                "which files git tracks there cannot be told", why);
    }

    private static Path realOrAbsolute(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    /** The revision {@code HEAD} points at (40 hex digits); empty in a repository without commits. */
    public Optional<String> head() {
        try {
            ObjectId head = repository.resolve("HEAD^{commit}");
            return Optional.ofNullable(head).map(ObjectId::name);
        } catch (IOException | IndexOutOfBoundsException e) {
            throw failure("resolve HEAD", e);
        }
    }

    /**
     * The paths among {@code paths} whose file differs from {@code HEAD}: modified, staged but not
     * committed, untracked, ignored, or deleted.
     *
     * @param paths workspace-relative paths
     * @return those with uncommitted changes, in the order given
     */
    public List<String> uncommitted(List<String> paths) {
        Optional<String> head = head();
        try (Git git = new Git(repository)) {
            readIndex(Shown.path(repository.getIndexFile()));
            var status = git.status();
            paths.forEach(path -> status.addPath(prefix + path));
            Status result = status.call();
            Set<String> changed = new HashSet<>();
            changed.addAll(result.getModified());
            changed.addAll(result.getChanged());
            changed.addAll(result.getAdded());
            changed.addAll(result.getUntracked());
            changed.addAll(result.getMissing());
            changed.addAll(result.getRemoved());
            changed.addAll(result.getConflicting());
            DirCache index = repository.readDirCache();
            List<String> uncommitted = new ArrayList<>();
            for (String path : paths) {
                // A file git does not track at HEAD (ignored, or never added) is uncommitted too.
                if (changed.contains(prefix + path) || head.isEmpty() || !inCommit(head.get(), prefix + path)
                        || hiddenChange(index, head.get(), path)) {
                    uncommitted.add(path);
                }
            }
            return uncommitted;
        } catch (IOException e) {
            // Reading the index, HEAD's blobs or a file the index hides from git's status: as git's status's own.
            throw statusFailure(paths, e);
        } catch (GitAPIException | JGitInternalException | IndexOutOfBoundsException e) {
            // JGit's status wraps a missing or corrupt object of HEAD's tree in an unchecked exception (gittree27).
            throw statusFailure(paths, e);
        }
    }

    /**
     * The refusal of git's status that failed (robust28), by its cause: a missing or damaged object is the
     * repository's damage ({@link #damaged}, exit 2); a file the status reads that the user may not read (a
     * {@code .gitattributes} of {@code chmod 000}: JGit's status wraps its {@link java.io.FileNotFoundException} in
     * a {@link JGitInternalException}) is an {@link UnreadableInputException} naming it (exit 2): an
     * {@link AccessDeniedException} among the causes, or a file the status reads (the index, the paths, the
     * {@code .gitattributes} and {@code .gitignore} on their way, {@code .git/info/attributes} and
     * {@code exclude}) that is there and not readable; any other I/O failure is the system's, a
     * {@link SystemFailureException} (exit 3: a disk answering an I/O error). Judged by the exception's type and
     * the files as they are, never by the message. An unchecked failure with no I/O failure among its causes (an
     * {@link IndexOutOfBoundsException} JGit did not throw, a {@link JGitInternalException} of JGit's own) is handed
     * on as it is: an internal error.
     */
    RuntimeException statusFailure(List<String> paths, Exception e) {
        String where = "cannot read the git status of " + Shown.path(repository.getWorkTree());
        Optional<PlanningException> damage = damaged(where, e);
        if (damage.isPresent()) {
            return damage.get();
        }
        IOException io = null;
        for (Throwable t = e; t != null && io == null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException found) {
                io = found;
            }
        }
        if (io == null) {
            // JGit's own failure, or a bug of ours: an internal error (exit 3), as it was before gittree27.
            return e instanceof RuntimeException unknown ? unknown : new PlanningException(where + ": " + Shown.why(e));
        }
        Path root = repository.getWorkTree().toPath();
        Optional<Path> denied = io instanceof AccessDeniedException fs && fs.getFile() != null
                ? Optional.of(Path.of(fs.getFile())) : unreadableStatusInput(root, paths);
        if (denied.isPresent() || io instanceof AccessDeniedException) {
            Path file = denied.orElse(root);
            String shown = file.startsWith(root) && !file.equals(root)
                    ? root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/")
                    : Shown.path(file);
            return DirectoryEntries.cannotRead(shown, "git's status of the workspace's files cannot be told",
                    denied.isPresent() && !(io instanceof AccessDeniedException) ? new AccessDeniedException(shown) : io);
        }
        return new SystemFailureException(where + " (" + Shown.reason(io) + "): the system failed, not the input (a"
                + " disk answering an I/O error, say); check the disk and try again (PLANNING_DEBUG=1 shows the stack"
                + " trace)", SourceLocation.ofFile(Shown.path(repository.getWorkTree())), e);
    }

    /**
     * The first file git's status of {@code paths} reads that is there and that this process may not read: the
     * index, a path,
     * a {@code .gitattributes} or {@code .gitignore} in a directory from the work tree's root down to it, a directory
     * on the way, {@code .git/info/attributes} or {@code .git/info/exclude}.
     */
    private Optional<Path> unreadableStatusInput(Path root, List<String> paths) {
        List<Path> read = new ArrayList<>();
        read.add(repository.getIndexFile().toPath());
        read.add(repository.getDirectory().toPath().resolve("info/attributes"));
        read.add(repository.getDirectory().toPath().resolve("info/exclude"));
        for (String path : paths) {
            Path dir = root;
            read.add(dir.resolve(Constants.DOT_GIT_ATTRIBUTES));
            read.add(dir.resolve(Constants.DOT_GIT_IGNORE));
            for (String name : (prefix + path).split("/", -1)) {
                dir = dir.resolve(name);
                read.add(dir);
                read.add(dir.resolve(Constants.DOT_GIT_ATTRIBUTES));
                read.add(dir.resolve(Constants.DOT_GIT_IGNORE));
            }
        }
        return read.stream().filter(file -> Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isReadable(file))
                .findFirst();
    }

    /**
     * The paths among {@code paths} that lie in another git repository than this one (gittree27): below a directory
     * that the index or {@code HEAD} records as a submodule (a gitlink), or that holds a {@code .git} entry of its own
     * (a repository nested in the work tree, which git's status passes over). Such a file is in no commit of this
     * repository, whatever is committed there: this one records a submodule's commit id, never its files.
     *
     * @param paths workspace-relative paths
     * @return by path, in the order given, the workspace-relative directory of the repository it lies in and whether
     *         that is a submodule ({@code true}) or a repository nested without one
     * @throws PlanningException when the index or {@code HEAD}'s tree cannot be read
     */
    public Map<String, Map.Entry<String, Boolean>> inOtherRepositories(List<String> paths) {
        Path root = repository.getWorkTree().toPath();
        Map<String, Map.Entry<String, Boolean>> found = new LinkedHashMap<>();
        try {
            DirCache index = readIndex(Shown.path(repository.getIndexFile()));
            ObjectId head = repository.resolve("HEAD^{tree}");
            for (String path : paths) {
                String[] names = path.split("/", -1);
                String at = "";
                for (int i = 0; i < names.length - 1; i++) {
                    at = at.isEmpty() ? names[i] : at + "/" + names[i];
                    boolean submodule = gitlink(index, head, prefix + at);
                    if (submodule || Files.exists(root.resolve(prefix + at).resolve(Constants.DOT_GIT),
                            LinkOption.NOFOLLOW_LINKS)) {
                        found.put(path, Map.entry(at, submodule));
                        break;
                    }
                }
            }
            return found;
        } catch (IOException | IndexOutOfBoundsException e) {
            throw failure("tell whether " + String.join(", ", paths) + " lie in a submodule", e);
        }
    }

    /** Whether the index or the tree {@code head} (may be null) records a gitlink at {@code path} (repository-relative). */
    private boolean gitlink(DirCache index, ObjectId head, String path) throws IOException {
        int entry = index.findEntry(path);
        if (entry >= 0 && FileMode.GITLINK.equals(index.getEntry(entry).getFileMode())) {
            return true;
        }
        if (head == null) {
            return false;
        }
        try (TreeWalk walk = TreeWalk.forPath(repository, path, head)) {
            return walk != null && FileMode.GITLINK.equals(walk.getFileMode(0));
        }
    }

    /**
     * Whether a file the index tells git not to look at ({@code git update-index --assume-unchanged}, or
     * {@code --skip-worktree}) differs from its blob at {@code head} (review24): git's status, and JGit's, do not
     * compare such a file, so an edit of it passed for committed, and a seal of the edited bytes said
     * {@code dirty: false} at a commit that does not hold them. Compared byte for byte with the committed
     * blob (a file over {@link #MAX_READ_BYTES}, or a link or a directory where a file was committed, differs).
     */
    private boolean hiddenChange(DirCache index, String head, String path) throws IOException {
        int at = index.findEntry(prefix + path);
        if (at < 0) {
            return false;
        }
        DirCacheEntry entry = index.getEntry(at);
        if (!entry.isAssumeValid() && !entry.isSkipWorkTree()) {
            return false;
        }
        Path file = repository.getWorkTree().toPath().resolve(prefix + path);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return false; // not in the work tree: not read by the gates, told apart by notCheckedOut
        }
        return !committedAsIs(file, head, path);
    }

    /**
     * The paths among {@code paths} whose entry in the work tree is not, byte for byte, the regular file committed
     * at {@code HEAD}, whatever git's status says of it (probe26). Git's status compares a file with its blob
     * <em>after</em> the conversions {@code .gitattributes} asks for ({@code text}, {@code eol}, {@code ident}, a
     * {@code filter} driver, {@code working-tree-encoding}; {@code core.autocrlf} and {@code core.eol}), and through
     * a committed symbolic link it compares the link, not the file the gates read: either way the bytes read would
     * be no commit's, and another checkout may hold other bytes. A link, a directory, a file over
     * {@link #MAX_READ_BYTES}, or a path {@code HEAD} holds no regular file at, differs. A path absent from the
     * work tree is not listed (git's status tells it deleted; {@link #notCheckedOut} tells one a sparse checkout
     * leaves out).
     *
     * @param paths workspace-relative paths
     * @return those whose bytes are not the committed blob's, in the order given
     */
    public List<String> notAsCommitted(List<String> paths) {
        Optional<String> head = head();
        List<String> differ = new ArrayList<>();
        try {
            for (String path : paths) {
                Path file = repository.getWorkTree().toPath().resolve(prefix + path);
                if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                        && (head.isEmpty() || !committedAsIs(file, head.get(), path))) {
                    differ.add(path);
                }
            }
            return differ;
        } catch (IOException | IndexOutOfBoundsException e) {
            throw failure("compare " + String.join(", ", paths) + " with HEAD", e);
        }
    }

    /** Whether {@code file} is a regular file (not followed) whose bytes are the blob of a regular file at {@code head}. */
    private boolean committedAsIs(Path file, String head, String path) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_READ_BYTES) {
            return false;
        }
        ObjectId worked = new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, Files.readAllBytes(file));
        return blob(head, path).map(worked::equals).orElse(false);
    }

    /**
     * The paths among {@code paths} that git keeps out of the work tree on purpose: their index entry
     * has the skip-worktree bit, which {@code git sparse-checkout} (and {@code git update-index
     * --skip-worktree}) sets for what the checkout leaves out. Such a file is committed and unchanged,
     * only not there to be read.
     *
     * @param paths workspace-relative paths
     * @return those skipped, in the order given
     */
    public List<String> notCheckedOut(List<String> paths) {
        DirCache index;
        try {
            index = readIndex(Shown.path(repository.getIndexFile()));
        } catch (IOException e) {
            throw failure("read the index", e);
        }
        List<String> skipped = new ArrayList<>();
        for (String path : paths) {
            int entry = index.findEntry(prefix + path);
            if (entry >= 0 && index.getEntry(entry).isSkipWorkTree()) {
                skipped.add(path);
            }
        }
        return skipped;
    }

    /**
     * Whether a revision names a commit of this repository: a commit's own id (40 hex digits), never a
     * ref's name nor an annotated tag's id, though either leads to a commit.
     */
    public boolean hasCommit(String revision) {
        if (!revision.matches("[0-9a-f]{40}")) {
            return false;
        }
        try (RevWalk walk = new RevWalk(repository)) {
            // parseAny, not parseCommit: parseCommit peels an annotated tag to its commit, and a tag's id is
            // no snapshot_rev (review20).
            return walk.parseAny(ObjectId.fromString(revision)) instanceof RevCommit;
        } catch (MissingObjectException e) {
            requireReadableObjects(revision);
            return false;
        } catch (IncorrectObjectTypeException e) {
            return false;
        } catch (IOException e) {
            throw failure("look up " + revision, e);
        }
    }

    /**
     * The most commits {@link #onFirstParentLine} walks from {@code HEAD} (review24, bind25): past it the check
     * refuses rather than walk on, so a line of any length ends the walk in a bounded time. Each commit walked costs
     * a few tree reads, so the bound is below the number of commits of the largest public histories, and far above
     * the first-parent line of a planning repository.
     */
    static final long MAX_FIRST_PARENT_COMMITS = 1_000_000;

    /**
     * The most bytes of git trees {@link #onFirstParentLine}'s judge may read ({@link #objects}, {@link #entries})
     * before the walk refuses (probe25): the commit bound alone let a line whose commits each hold a large tree (a
     * directory of 100,000 entries, 9.7 MiB packed for 2,000 commits) cost 117 ms of CPU a commit, so hours within
     * the bound. 1 GiB is a few seconds of parsing, and a first-parent line of a planning repository, whose trees on
     * the inputs' paths are a few KiB, reads far less before it meets the sealed set.
     */
    static final long MAX_FIRST_PARENT_TREE_BYTES = 1L << 30;

    /** The bytes of trees the running {@link #onFirstParentLine} walk may still read; null when none runs. */
    private TreeBudget budget;

    /** Bytes of trees left to read, refused past the bound. */
    private static final class TreeBudget {

        private final long bound;
        private final String what;
        private long left;

        TreeBudget(long bound, String what) {
            this.bound = bound;
            this.what = what;
            this.left = bound;
        }

        void charge(long bytes) {
            left -= bytes;
            if (left < 0) {
                throw new InvalidInputException("the first-parent line of HEAD holds more than " + bound + " bytes of git"
                        + " trees on the inputs' paths before a commit that holds " + what + ", the most that are read;"
                        + " it cannot be checked here");
            }
        }
    }

    /** Charges a tree's size to the running walk's budget, if one runs. */
    private void charge(ObjectReader reader, ObjectId tree) throws IOException {
        if (budget != null) {
            budget.charge(reader.getObjectSize(tree, Constants.OBJ_TREE));
        }
    }

    /** Charges bytes about to be read to the running walk's budget, if one runs. */
    private void charge(long bytes) {
        if (budget != null) {
            budget.charge(bytes);
        }
    }

    /**
     * The first commit of {@code HEAD}'s first-parent line, walking from {@code HEAD} (each commit's first parent
     * only: the line a branch's own commits and its merge commits make, never a merged branch's commits), that
     * {@code holds} accepts; at most {@link #MAX_FIRST_PARENT_COMMITS} commits are walked. Commit dates, which any
     * committer sets, play no part; neither do replace refs nor grafts, which change no object (bind25).
     *
     * @param holds judges a commit by its id (40 hex digits); it may read the repository
     * @param what  what the walk looks for, for the message when the line is longer than the bound
     * @return empty when no commit of the line is accepted, or the repository has no {@code HEAD}
     * @throws InvalidInputException when the line holds more commits than the bound before one is accepted, or
     *         {@code holds} reads more than {@link #MAX_FIRST_PARENT_TREE_BYTES} of trees ({@link #objects},
     *         {@link #entries}) before one is
     * @throws PlanningException when the history cannot be read
     */
    public Optional<String> onFirstParentLine(Predicate<String> holds, String what) {
        return onFirstParentLine(holds, what, MAX_FIRST_PARENT_COMMITS);
    }

    /** As {@link #onFirstParentLine(Predicate, String)} with the bound given: the seam its test uses. */
    Optional<String> onFirstParentLine(Predicate<String> holds, String what, long maxCommits) {
        return onFirstParentLine(holds, what, maxCommits, MAX_FIRST_PARENT_TREE_BYTES);
    }

    /**
     * As {@link #onFirstParentLine(Predicate, String)} with both bounds given: the seam its tests use. While the walk
     * runs, the trees {@link #objects} and {@link #entries} read for {@code holds} are charged to {@code maxTreeBytes}.
     */
    Optional<String> onFirstParentLine(Predicate<String> holds, String what, long maxCommits, long maxTreeBytes) {
        TreeBudget outer = budget;
        budget = new TreeBudget(maxTreeBytes, what);
        try {
            return walkFirstParentLine(holds, what, maxCommits);
        } finally {
            budget = outer;
        }
    }

    /**
     * Every commit reachable from {@code HEAD} (each parent of a merge, in no set order), with its root tree, within
     * {@link #onFirstParentLine}'s commit bound. The commits a commit id reaches never change, so the list is kept
     * for the process by the object directory and {@code HEAD}'s id ({@link #HISTORIES}): {@code status} and the
     * report read one cycle's manifest versions after another over the same history (attack33), and a {@code HEAD}
     * that moved is a new key, walked again.
     */
    private KeptHistory history(String what) throws IOException {
        ObjectId head = repository.resolve("HEAD^{commit}");
        if (head == null) {
            return new KeptHistory(null, List.of(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
        }
        Optional<HistoryKey> key = repository.getObjectDatabase()
                instanceof org.eclipse.jgit.internal.storage.file.ObjectDirectory objects
                        ? Optional.of(new HistoryKey(objects.getDirectory().toPath().toAbsolutePath().normalize().toString(),
                                head.copy()))
                        : Optional.empty();
        KeptHistory kept = key.map(HISTORIES::getIfPresent).orElse(null);
        if (kept != null) {
            return kept;
        }
        List<CommitTree> walked = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository)) {
            walk.setRetainBody(false);
            try {
                walk.markStart(walk.parseCommit(head));
            } catch (IllegalArgumentException e) {
                throw unparsable("walk the history of HEAD", e);
            }
            Iterator<RevCommit> commits = walking(walk::iterator);
            for (RevCommit commit = walking(() -> commits.hasNext() ? commits.next() : null); commit != null;
                    commit = walking(() -> commits.hasNext() ? commits.next() : null)) {
                if (walked.size() >= MAX_FIRST_PARENT_COMMITS) {
                    throw new InvalidInputException("the history of HEAD holds more than " + MAX_FIRST_PARENT_COMMITS
                            + " commits, the most that are walked for " + what + "; it cannot be checked here");
                }
                walked.add(new CommitTree(commit.name(), commit.getTree().copy()));
            }
        }
        HISTORY_WALKS.incrementAndGet();
        KeptHistory history = new KeptHistory(key.orElse(null), List.copyOf(walked), new ConcurrentHashMap<>(),
                new ConcurrentHashMap<>());
        key.ifPresent(k -> HISTORIES.put(k, history));
        return history;
    }

    /** What the kept histories weigh together ({@link KeptHistory#weight}): its test's seam. */
    static long keptWeight() {
        HISTORIES.cleanUp();
        return HISTORIES.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }

    /** How many histories {@link #history} walked in this process rather than took as kept: its test's seam. */
    static long historyWalks() {
        return HISTORY_WALKS.get();
    }

    /**
     * A step of a walk's iteration (review33): its iterator, which reads the first commit at once, and each next
     * commit. JGit's iterator hands on a read that failed (a commit missing from the store, or damaged) unchecked, as
     * its {@code RevWalkException}, and a commit whose header names no object id as an {@link
     * IllegalArgumentException}; each is the refusal any other read of a damaged repository is, not an internal error.
     */
    private <T> T walking(Supplier<T> step) {
        try {
            return step.get();
        } catch (RevWalkException e) {
            throw e.getCause() instanceof IOException io ? failure("walk the history of HEAD", io) : e;
        } catch (IllegalArgumentException e) {
            throw unparsable("walk the history of HEAD", e);
        }
    }

    /** A commit JGit's parser threw on (its header names no object id): a damaged object; any other is ours. */
    private RuntimeException unparsable(String what, IllegalArgumentException e) {
        return thrownByJGit(e) ? new PlanningException("cannot " + what + " in the git repository "
                + repository.getWorkTree() + ": a git commit is corrupt (" + Printable.line(String.valueOf(e.getMessage()))
                + "), so the history cannot be read; " + FSCK) : e;
    }

    private Optional<String> walkFirstParentLine(Predicate<String> holds, String what, long maxCommits) {
        try (RevWalk walk = new RevWalk(repository)) {
            ObjectId head = repository.resolve("HEAD^{commit}");
            if (head == null) {
                return Optional.empty();
            }
            RevCommit commit = parsed(walk, head);
            for (long walked = 1; ; walked++) {
                if (holds.test(commit.name())) {
                    return Optional.of(commit.name());
                }
                if (commit.getParentCount() == 0) {
                    return Optional.empty();
                }
                if (walked >= maxCommits) {
                    throw new InvalidInputException("the first-parent line of HEAD holds more than " + maxCommits
                            + " commits without one that holds " + what + ", the most that are walked; it cannot be"
                            + " checked here");
                }
                commit = parsed(walk, commit.getParent(0));
            }
        } catch (IOException e) {
            throw failure("walk the first-parent line of HEAD", e);
        }
    }

    /** The commit {@code id} as {@code walk} parses it; one whose bytes are no commit is refused (review33). */
    private RevCommit parsed(RevWalk walk, ObjectId id) throws IOException {
        try {
            return walk.parseCommit(id);
        } catch (IllegalArgumentException e) {
            throw unparsable("walk the first-parent line of HEAD", e);
        }
    }

    /**
     * Every distinct entry at a workspace path in {@code HEAD}'s history, each with a commit that holds it: the
     * versions of a file the history has held (attack32). Every commit reachable from {@code HEAD} is read, each
     * parent of a merge (review31: on the first-parent line alone, a merge made on another branch with {@code git
     * merge -s ours} and taken as a fast-forward put the line's own commits out of the walk); the bounds are {@link
     * #onFirstParentLine}'s. Below the path's first directory the entry is resolved once per git tree of that
     * directory, so a long history whose commits change other files costs one root tree a commit; the walk and what
     * it resolved are kept for the process by {@code HEAD}'s id ({@link #history}), so the next path under the same
     * top directory reads no root tree again.
     *
     * @param path workspace-relative, {@code /} separators
     * @param what what the walk reads, for the message when the line is longer than the bounds
     * @return by entry ({@code 100644 <id>}, as {@link #objects} gives it; {@code none} left out), the commit, in the
     *         order met
     * @throws InvalidInputException past the bounds of {@link #onFirstParentLine}
     * @throws PlanningException     when the history cannot be read
     */
    public Map<String, String> versionsInHistory(String path, String what) {
        String full = prefix + path;
        int slash = full.indexOf('/');
        String top = slash < 0 ? full : full.substring(0, slash);
        String rest = slash < 0 ? null : full.substring(slash + 1);
        Map<String, String> versions = new LinkedHashMap<>();
        TreeBudget outer = budget;
        budget = new TreeBudget(MAX_FIRST_PARENT_TREE_BYTES, what);
        String at = null;
        try (ObjectReader reader = repository.newObjectReader()) {
            KeptHistory history = history(what);
            List<String> tops = history.tops().get(top);
            if (tops == null) {
                List<String> resolved = new ArrayList<>(history.commits().size());
                // Most commits hold the same entry as their parent: one string each, not one a commit.
                Map<String, String> distinct = new HashMap<>();
                for (CommitTree commit : history.commits()) {
                    at = commit.commit();
                    String entry = entry(reader, commit.root(), top, new HashMap<>());
                    resolved.add(distinct.computeIfAbsent(entry, e -> e));
                }
                tops = List.copyOf(resolved);
                history.tops().put(top, tops);
            }
            for (int i = 0; i < tops.size(); i++) {
                at = history.commits().get(i).commit();
                String entry = tops.get(i);
                if (rest != null) {
                    entry = entry.startsWith(Integer.toOctalString(FileMode.TREE.getBits()) + " ")
                            ? below(reader, history, ObjectId.fromString(entry.substring(entry.indexOf(' ') + 1)), rest)
                            : "none";
                }
                if (!entry.equals("none")) {
                    versions.putIfAbsent(entry, at);
                }
            }
            history.reweigh();
        } catch (IOException e) {
            throw at == null ? failure("walk the history of HEAD", e) : failure("read " + path + " at " + at, e);
        } catch (IndexOutOfBoundsException e) {
            throw at == null ? corrupt("walk the history of HEAD", "HEAD", e)
                    : corrupt("read " + path + " at " + at, at, e);
        } finally {
            budget = outer;
        }
        return versions;
    }

    /**
     * {@link #entry} of {@code path} below {@code tree}, kept with the history: a long history whose commits change
     * other files resolves a path once per git tree of its top directory.
     */
    private String below(ObjectReader reader, KeptHistory history, ObjectId tree, String path) throws IOException {
        TreePath key = new TreePath(tree, path);
        String kept = history.below().get(key);
        if (kept == null) {
            kept = entry(reader, tree, path, new HashMap<>());
            history.below().put(key, kept);
        }
        return kept;
    }

    /**
     * What each workspace path is at a commit, by git object: its mode and object id ({@code 100644 <id>} for a
     * file, {@code 40000 <id>} for a directory's tree), or {@code none} when the commit holds nothing there.
     * Content compared without reading it: two commits with the same object at a path hold the same bytes there.
     *
     * @param revision a commit of this repository ({@link #hasCommit}), 40 hex digits
     * @param paths    workspace-relative, {@code /} separators
     * @return by path, in the order given
     * @throws PlanningException when the commit or its trees cannot be read
     */
    public Map<String, String> objects(String revision, Collection<String> paths) {
        try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(revision));
            // Each tree read once per call (the inputs share their parents), and charged to a running walk's budget.
            Map<ObjectId, byte[]> trees = new HashMap<>();
            Map<String, String> found = new LinkedHashMap<>();
            for (String path : paths) {
                found.put(path, entry(reader, commit.getTree(), prefix + path, trees));
            }
            return found;
        } catch (IOException e) {
            throw failure("read " + String.join(", ", paths) + " at " + revision, e);
        } catch (IndexOutOfBoundsException e) {
            throw corrupt("read " + String.join(", ", paths) + " at " + revision, revision, e);
        }
    }

    /**
     * The mode and object id of the entry at {@code path} (repository-relative) below {@code root}, as
     * {@code TreeWalk.forPath} finds it; {@code none} when a component is missing or not a directory.
     */
    private String entry(ObjectReader reader, ObjectId root, String path, Map<ObjectId, byte[]> trees)
            throws IOException {
        ObjectId at = root;
        int mode = FileMode.TREE.getBits();
        for (String name : path.split("/", -1)) {
            if ((mode & FileMode.TYPE_MASK) != FileMode.TYPE_TREE) {
                return "none";
            }
            byte[] raw = trees.get(at);
            if (raw == null) {
                // One look-up of the object: its loader knows the size the budget is charged with.
                ObjectLoader tree = reader.open(at, Constants.OBJ_TREE);
                charge(tree.getSize());
                try {
                    raw = tree.getCachedBytes((int) MAX_READ_BYTES);
                } catch (LargeObjectException e) {
                    throw new InvalidInputException("the git tree " + at.name() + " on the way to " + Shown.path(path)
                            + " is over the " + (MAX_READ_BYTES >> 20) + " MiB a tree is read to");
                }
                trees.put(at.copy(), raw);
            }
            // By the name's bytes, as TreeWalk.forPath compares them.
            byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
            CanonicalTreeParser entries = new CanonicalTreeParser();
            entries.reset(raw);
            while (!entries.eof() && !Arrays.equals(entries.getEntryPathBuffer(), 0, entries.getEntryPathLength(),
                    wanted, 0, wanted.length)) {
                entries.next(1);
            }
            if (entries.eof()) {
                return "none";
            }
            mode = entries.getEntryRawMode();
            at = entries.getEntryObjectId();
        }
        return Integer.toOctalString(mode) + " " + at.name();
    }

    /**
     * Refuses an object store JGit could not search: it reports an object it cannot read as missing,
     * so a commit in a directory the user may not read would pass for no commit.
     */
    private void requireReadableObjects(String revision) {
        if (!(repository.getObjectDatabase() instanceof org.eclipse.jgit.internal.storage.file.ObjectDirectory objects)) {
            return;
        }
        Path dir = objects.getDirectory().toPath();
        Path root = repository.isBare() ? repository.getDirectory().toPath() : repository.getWorkTree().toPath();
        String without = "cannot tell whether commit " + revision + " is in the repository";
        for (Path searched : List.of(dir, dir.resolve(revision.substring(0, 2)), dir.resolve("pack"))) {
            dev.planning.engine.internal.workspace.DirectoryEntries.sorted(root, searched, without);
        }
    }

    /**
     * The most a file is read whole from git objects: the bound the workspace's own files are read to
     * ({@code LayoutFiles.MAX_BYTES}). A blob's size is known before it is read, so a larger one is
     * never read (JGit would refuse one over its large-object threshold with an unchecked exception,
     * and read one under it whole).
     */
    public static final long MAX_READ_BYTES = 32L * 1024 * 1024;

    /**
     * The bytes of a workspace file as committed at {@code revision}, read from git objects, when the
     * committed file has exactly {@code bytes} bytes (a sealed size) and that is at most
     * {@link #MAX_READ_BYTES}; a file of any other size is not read.
     *
     * @param path  workspace-relative, {@code /} separators
     * @param bytes the size the caller expects
     * @return empty when the revision is not a commit, has no such regular file, or the file has
     *         another size or is over the bound
     */
    public Optional<byte[]> read(String revision, String path, long bytes) {
        if (bytes < 0 || bytes > MAX_READ_BYTES) {
            return Optional.empty();
        }
        try {
            Optional<ObjectId> blob = blob(revision, path);
            if (blob.isEmpty()) {
                return Optional.empty();
            }
            ObjectLoader loader = repository.open(blob.get());
            return loader.getSize() == bytes ? Optional.of(loader.getBytes((int) bytes)) : Optional.empty();
        } catch (LargeObjectException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("read " + path + " at " + revision, e);
        } catch (IndexOutOfBoundsException e) {
            throw corrupt("read " + path + " at " + revision, revision, e);
        }
    }

    /**
     * The SHA-256 and size of a workspace file as committed at {@code revision}, streamed from git
     * objects in blocks (never held whole, whatever its size).
     *
     * @param path workspace-relative, {@code /} separators
     * @return empty when the revision is not a commit or has no such regular file
     */
    public Optional<Sha256.FileDigest> digest(String revision, String path) {
        try {
            Optional<ObjectId> blob = blob(revision, path);
            if (blob.isEmpty()) {
                return Optional.empty();
            }
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long size = 0;
            try (InputStream in = repository.open(blob.get()).openStream()) {
                byte[] block = new byte[64 * 1024];
                for (int n = in.read(block); n >= 0; n = in.read(block)) {
                    sha256.update(block, 0, n);
                    size += n;
                }
            }
            return Optional.of(new Sha256.FileDigest(HexFormat.of().formatHex(sha256.digest()), size));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        } catch (IOException e) {
            throw failure("read " + path + " at " + revision, e);
        } catch (IndexOutOfBoundsException e) {
            throw corrupt("read " + path + " at " + revision, revision, e);
        }
    }

    /**
     * The size of a workspace file as committed at {@code revision}, from its git object's header (the blob itself
     * is not read): what a caller compares with a sealed size before it reads a blob whole (seal26).
     *
     * @param path workspace-relative, {@code /} separators
     * @return empty when the revision is not a commit or has no such regular file
     * @throws PlanningException when the object cannot be read (missing from the object store, say)
     */
    public OptionalLong size(String revision, String path) {
        try (ObjectReader reader = repository.newObjectReader()) {
            Optional<ObjectId> blob = blob(revision, path);
            return blob.isEmpty() ? OptionalLong.empty()
                    : OptionalLong.of(reader.getObjectSize(blob.get(), Constants.OBJ_BLOB));
        } catch (IOException e) {
            throw failure("read " + path + " at " + revision, e);
        } catch (IndexOutOfBoundsException e) {
            throw corrupt("read " + path + " at " + revision, revision, e);
        }
    }

    /** The blob of a regular file at a revision; empty when the revision is not a commit or has no such file. */
    private Optional<ObjectId> blob(String revision, String path) throws IOException {
        if (!hasCommit(revision)) {
            return Optional.empty();
        }
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(revision));
            try (TreeWalk tree = TreeWalk.forPath(repository, prefix + path, commit.getTree())) {
                if (tree == null || (tree.getFileMode(0).getBits() & FileMode.TYPE_MASK) != FileMode.TYPE_FILE) {
                    return Optional.empty();
                }
                return Optional.of(tree.getObjectId(0));
            }
        }
    }

    /**
     * The regular files of a workspace directory as committed at {@code revision}, read from git
     * objects (never the work tree), by {@code ./relative/path} below the directory: how an older
     * rulebook is read without writing anything.
     *
     * @param revision  a commit id (40 hex digits)
     * @param directory workspace-relative, {@code /} separators
     * @param sizes     judges each file's size before it is read, given the directory's path in the repository,
     *                  the file's path below it and its size; it throws to refuse (the rulebook's bounds, with the
     *                  words a rulebook read from disk is refused in). A file over {@link #MAX_READ_BYTES} is
     *                  refused after it in any case
     * @return empty when the revision is not a commit or holds no directory at that path
     * @throws InvalidInputException when the directory holds an entry other than a regular file or a
     *         directory (a symbolic link, a submodule), a name that is not UTF-8, a file {@code sizes}
     *         refuses or one over {@link #MAX_READ_BYTES}
     */
    public Optional<Map<String, byte[]>> files(String revision, String directory, SizeCheck sizes) {
        if (!hasCommit(revision)) {
            return Optional.empty();
        }
        String path = prefix + directory;
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(revision));
            Map<String, byte[]> files = new LinkedHashMap<>();
            UnaryOperator<String> shown = name -> Shown.path(directory + "/" + name);
            boolean found = eachFile(commit, path, revision, shown, (name, loader) -> {
                sizes.check(directory, name, loader.getSize());
                files.put("./" + name, bounded(shown.apply(name), revision, loader));
            });
            return found ? Optional.of(files) : Optional.empty();
        } catch (IOException e) {
            throw failure("read " + directory + " at " + revision, e);
        } catch (IndexOutOfBoundsException e) {
            throw corrupt("read " + directory + " at " + revision, revision, e);
        }
    }

    /** A blob's bytes, refused unread when it is over {@link #MAX_READ_BYTES}. */
    private static byte[] bounded(String shown, String revision, ObjectLoader loader) throws IOException {
        if (loader.getSize() > MAX_READ_BYTES) {
            throw new InvalidInputException(shown + " at revision " + revision + " has " + loader.getSize()
                    + " bytes, over the " + (MAX_READ_BYTES >> 20) + " MiB a file is read to");
        }
        return loader.getBytes((int) MAX_READ_BYTES);
    }

    /**
     * Judges the size of a file of a directory read from git objects, before it is read.
     *
     * @since 0.1
     */
    @FunctionalInterface
    public interface SizeCheck {

        /**
         * Throws to refuse the file.
         *
         * @param directory the directory's path in the repository ({@code rulebook}; empty for its root)
         * @param file      the file's path below the directory ({@code rules/a.drl})
         * @param bytes     its size
         */
        void check(String directory, String file, long bytes);
    }

    /**
     * A directory of the work tree as committed at a revision: its path in the repository and its
     * regular files' bytes, read from git objects (nothing is written, so nothing is left behind).
     *
     * @param path  the directory's path in the repository, {@code /} separators (empty for its root)
     * @param files each regular file's bytes by {@code ./relative/path} below the directory
     */
    public record CommittedDirectory(String path, Map<String, byte[]> files) {

        /** Copies the map. */
        public CommittedDirectory {
            Objects.requireNonNull(path, "path");
            files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
        }
    }

    /**
     * The files of a directory as they are at a revision, for reading an older rulebook without
     * touching the work tree or writing anywhere.
     *
     * @param revision  anything git resolves to a commit ({@code main}, {@code HEAD~1}, a hash)
     * @param directory the directory, absolute or relative to the current directory; inside this
     *                  repository's work tree
     * @param sizes     judges each file's size before it is read, given the directory's path in the repository,
     *                  the file's path below it and its size; it throws to refuse (the rulebook's bounds, with the
     *                  words a rulebook read from disk is refused in). A file over {@link #MAX_READ_BYTES} is
     *                  refused after it in any case
     * @return the directory's path in the repository and its files
     * @throws InvalidInputException when the revision is unknown, the directory lies outside the
     *         work tree or does not exist at the revision, holds an entry other than a regular file,
     *         a file {@code sizes} refuses or one over {@link #MAX_READ_BYTES}
     */
    public CommittedDirectory directoryAt(String revision, Path directory, SizeCheck sizes) {
        Path workTree = repository.getWorkTree().toPath().toAbsolutePath().normalize();
        Path dir = directory.toAbsolutePath().normalize();
        if (!dir.startsWith(workTree)) {
            // Located at the directory as given; the work tree is the workspace's, so it is not named again (its
            // absolute path would put the machine's directories in the message: errors18).
            throw new InvalidInputException("not inside the git work tree that holds the workspace; expected a rulebook"
                    + " directory committed in that repository", SourceLocation.ofFile(directory.toString()));
        }
        String path = workTree.relativize(dir).toString().replace(dir.getFileSystem().getSeparator(), "/");
        try (RevWalk walk = new RevWalk(repository)) {
            ObjectId commitId = repository.resolve(revision + "^{commit}");
            if (commitId == null) {
                throw new InvalidInputException("unknown git revision '" + revision + "' in " + workTree);
            }
            RevCommit commit = walk.parseCommit(commitId);
            UnaryOperator<String> shown = name -> path.isEmpty() ? name : path + "/" + name;
            Map<String, byte[]> files = new LinkedHashMap<>();
            boolean found = eachFile(commit, path, revision, shown, (name, loader) -> {
                sizes.check(path, name, loader.getSize());
                files.put("./" + name, bounded(shown.apply(name), revision, loader));
            });
            if (!found) {
                throw new InvalidInputException("no directory " + Shown.path(path) + " at revision " + revision);
            }
            return new CommittedDirectory(path, files);
        } catch (IOException e) {
            throw failure("read " + path + " at " + revision, e);
        } catch (IndexOutOfBoundsException e) {
            throw corrupt("read " + path + " at " + revision, revision, e);
        }
    }

    /**
     * The workspace-relative paths of the entries of a workspace directory as committed at
     * {@code revision}, names only (no file is read): every entry whose path {@code keep} accepts,
     * whatever its mode (a symbolic link or a submodule is listed too), descending only into the
     * subdirectories {@code enter} accepts. How the inputs a handoff's gates would have read at its
     * sealed commit are told without reading them.
     *
     * @param revision  a commit id (40 hex digits)
     * @param directory workspace-relative, {@code /} separators
     * @param enter     which subdirectories (workspace-relative) to descend into
     * @param keep      which entries (workspace-relative) to list
     * @param max       the most entries listed; more is refused
     * @return empty when the revision is not a commit; an empty list when it holds no directory there
     * @throws InvalidInputException when more than {@code max} entries would be listed
     */
    public Optional<List<String>> entries(String revision, String directory, Predicate<String> enter,
            Predicate<String> keep, int max) {
        if (!hasCommit(revision)) {
            return Optional.empty();
        }
        try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(revision));
            List<String> found = new ArrayList<>();
            // The trees on the way are charged to a running walk's budget (probe25), as each one entered below.
            entry(reader, commit.getTree(), prefix + directory, new HashMap<>());
            try (TreeWalk tree = TreeWalk.forPath(reader, prefix + directory, commit.getTree())) {
                if (tree == null || !tree.isSubtree()) {
                    return Optional.of(List.of());
                }
                charge(reader, tree.getObjectId(0));
                tree.enterSubtree();
                while (tree.next()) {
                    String path = tree.getPathString().substring(prefix.length());
                    if (tree.isSubtree()) {
                        if (enter.test(path)) {
                            charge(reader, tree.getObjectId(0));
                            tree.enterSubtree();
                        }
                    } else if (keep.test(path)) {
                        if (found.size() == max) {
                            throw new InvalidInputException(Shown.path(directory) + " at revision " + revision
                                    + " holds more than " + max + " planning files");
                        }
                        found.add(path);
                    }
                }
            }
            return Optional.of(List.copyOf(found));
        } catch (IOException e) {
            throw failure("list " + directory + " at " + revision, e);
        } catch (IndexOutOfBoundsException e) {
            throw corrupt("list " + directory + " at " + revision, revision, e);
        }
    }

    /** A regular file of a directory at a commit, by its name below the directory. */
    @FunctionalInterface
    private interface DirectoryFile {
        void accept(String name, ObjectLoader loader) throws IOException;
    }

    /**
     * Visits each regular file below {@code path} (repository-relative, empty for the root) in
     * {@code commit}'s tree, in tree order: the one walk of {@link #files} and {@link #directoryAt}.
     * An entry other than a regular file (a symbolic link, a submodule) is refused, named as
     * {@code shown} names it; so is a name that is not UTF-8, which JGit would decode in another character set
     * (a disk walk refuses it too: {@link FileNames}), named with its bytes that are not UTF-8 as {@code \xFF}.
     *
     * @return false when the commit holds no directory at {@code path}
     */
    private boolean eachFile(RevCommit commit, String path, String revision, UnaryOperator<String> shown,
            DirectoryFile visit) throws IOException {
        try (TreeWalk tree = path.isEmpty() ? new TreeWalk(repository)
                : TreeWalk.forPath(repository, path, commit.getTree())) {
            if (tree == null || !path.isEmpty() && !tree.isSubtree()) {
                return false;
            }
            if (path.isEmpty()) {
                tree.addTree(commit.getTree());
            } else {
                tree.enterSubtree();
            }
            tree.setRecursive(true);
            while (tree.next()) {
                String name = tree.getPathString().substring(path.isEmpty() ? 0 : path.length() + 1);
                Optional<String> notUtf8 = FileNames.notUtf8(tree.getRawPath());
                if (notUtf8.isPresent()) {
                    String raw = notUtf8.get().substring(path.isEmpty() ? 0 : path.length() + 1);
                    throw new InvalidInputException("file name " + shown.apply(raw) + " at revision " + revision + " "
                            + FileNames.NOT_UTF8);
                }
                if ((tree.getRawMode(0) & FileMode.TYPE_MASK) != FileMode.TYPE_FILE) {
                    throw new InvalidInputException(shown.apply(name) + " at revision " + revision
                            + " is not a regular file (symbolic links and submodules are refused)");
                }
                visit.accept(name, repository.open(tree.getObjectId(0)));
            }
            return true;
        }
    }

    private boolean inCommit(String revision, String repositoryPath) {
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(revision));
            try (TreeWalk tree = TreeWalk.forPath(repository, repositoryPath, commit.getTree())) {
                return tree != null;
            }
        } catch (IOException e) {
            throw failure("read " + repositoryPath + " at " + revision, e);
        } catch (IndexOutOfBoundsException e) {
            throw corrupt("read " + repositoryPath + " at " + revision, revision, e);
        }
    }

    /**
     * The refusal of a read of the repository that failed: a git object missing from the store or damaged is told
     * as such, naming the object, with what to do ({@link #damaged}); an I/O failure of the system itself
     * ({@link #systemIo}: a disk answering an I/O error) is a {@link SystemFailureException} (exit 3, git29); any
     * other failure (JGit's refusal of what the repository holds, a file the user may not read) the user's, with
     * its reason (exit 2).
     */
    PlanningException failure(String what, IOException e) {
        String where = "cannot " + what + " in the git repository " + repository.getWorkTree();
        Optional<PlanningException> damage = damaged(where, e);
        if (damage.isPresent()) {
            return damage.get();
        }
        if (systemIo(e)) {
            return new SystemFailureException(where + " (" + Shown.reason(e) + "): the system failed, not the input"
                    + " (a disk answering an I/O error, say); check the disk and try again (PLANNING_DEBUG=1 shows the"
                    + " stack trace)", SourceLocation.ofFile(Shown.path(repository.getWorkTree())), e);
        }
        return new PlanningException(where + ": " + Printable.line(String.valueOf(e.getMessage())));
    }

    /**
     * Whether {@code e} is an I/O failure of the system, told by its type and where it was thrown, never by its
     * message (git29): a plain {@link IOException} (not a subtype: an {@link AccessDeniedException}, a
     * {@link java.nio.file.NoSuchFileException}, a {@link java.io.EOFException} name the input's state, and so does
     * a plain {@link FileSystemException}, the platform's for a symbolic link loop or a name too long as for an
     * open failing on {@code EIO}) that the Java platform's own code threw (its first frame is {@code java.},
     * {@code jdk.} or {@code sun.}: a read the operating system failed, {@code EIO}). One JGit made up about what
     * the repository holds is not, unless it wraps one that is (fail36: JGit's {@link IOException} around a read the
     * disk failed was the user's): the nearest {@link IOException} among its causes is judged alike.
     */
    static boolean systemIo(IOException e) {
        return systemIo(e, 0);
    }

    private static boolean systemIo(IOException e, int depth) {
        if (e.getClass() == IOException.class && DirectoryEntries.thrownByThePlatform(e)) {
            return true;
        }
        Throwable cause = e.getCause();
        for (int links = depth + 1; cause != null && links <= MAX_WRAPPED; links++, cause = cause.getCause()) {
            if (cause instanceof IOException wrapped) {
                return systemIo(wrapped, links);
            }
        }
        return false;
    }

    /** The most failures down a chain of wrapped ones {@link #systemIo} looks. */
    private static final int MAX_WRAPPED = 16;

    /**
     * As {@link #failure(String, IOException)}, for an {@link IndexOutOfBoundsException} too: JGit's parser's, of a
     * tree cut short, is a damaged object ({@link #damaged}); any other is a bug of ours, handed on as it is, an
     * internal error (robust28: it was told as the user's damaged repository, exit 2).
     */
    RuntimeException failure(String what, Exception e) {
        if (e instanceof IOException io) {
            return failure(what, io);
        }
        String where = "cannot " + what + " in the git repository " + repository.getWorkTree();
        return damaged(where, e).<RuntimeException>map(damage -> damage).orElse((RuntimeException) e);
    }

    /**
     * Whether {@code e} was thrown by JGit's own code (robust28): the first frame of its stack outside the Java
     * platform ({@code java.}, {@code jdk.}, {@code sun.}: an array's or a string's bounds check JGit's parser ran
     * into) is JGit's; one thrown by our code is not. An exception without a stack cannot be told: HotSpot throws
     * one, without its stack, for a bounds check that failed often at one site of compiled code
     * ({@code OmitStackTraceInFastThrow}), as JGit's parser's does over many damaged trees in one process. Such an
     * exception is judged as what every catch site wraps, a JGit read: damage (exit 2), as before robust28; the CI
     * build showed it (CorruptTreeTest failed, the parser's exception had no stack).
     */
    static boolean thrownByJGit(Throwable e) {
        StackTraceElement[] stack = e.getStackTrace();
        if (stack.length == 0) {
            return true;
        }
        for (StackTraceElement frame : stack) {
            String type = frame.getClassName();
            if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
                return type.startsWith("org.eclipse.jgit.");
            }
        }
        return false;
    }

    /** The object id JGit's message names ({@code Object <id> is corrupt: <why>}), for a message of ours. */
    private static final Pattern CORRUPT = Pattern.compile(
            "Object ([0-9a-f]{40}) is corrupt: (.*)", Pattern.DOTALL);

    /**
     * The refusal of a read that met a git object that is not in the object store or that no git could have
     * written (gittree27): a tree at {@code HEAD} overwritten or lost, a commit's tree in a shallow or partial
     * clone. JGit throws a checked exception for some of these and an unchecked one for others (its status
     * command wraps them in {@link JGitInternalException}; its tree parser reads past the end of a tree cut short
     * with an {@link IndexOutOfBoundsException}, which counts only when JGit's code threw it, {@link #thrownByJGit}:
     * one of ours is a bug, an internal error), which ended {@code seal} as an internal error (exit 3). The
     * repository's content cannot be told, so nothing is answered: a user error (exit 2) naming the object and
     * what to do, one message per mistake.
     *
     * @param where the start of the message ({@code cannot read the git status of ...})
     * @return empty when {@code e} is no such failure
     */
    private Optional<PlanningException> damaged(String where, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MissingObjectException missing) {
                String id = missing.getObjectId().name();
                return Optional.of(new PlanningException(where + ": git object " + id + " is not in the repository's"
                        + " object store, so what it holds cannot be told; " + missingHint(id)));
            }
            if (t instanceof CorruptObjectException || t instanceof IncorrectObjectTypeException) {
                Matcher named = CORRUPT.matcher(String.valueOf(t.getMessage()));
                String object = named.matches() ? "git object " + named.group(1) + " is corrupt ("
                        + Printable.line(named.group(2)) + ")" : "a git object is corrupt ("
                        + Printable.line(String.valueOf(t.getMessage())) + ")";
                return Optional.of(new PlanningException(where + ": " + object + ", so what it holds cannot be told; "
                        + FSCK));
            }
            if (t instanceof IndexOutOfBoundsException && thrownByJGit(t)) {
                return Optional.of(new PlanningException(where + ": a git tree of " + headName() + " is corrupt (an"
                        + " entry cut short or a name without its end, which no git writes), so what it holds cannot be"
                        + " told; " + FSCK));
            }
        }
        return Optional.empty();
    }

    /** What to do about a damaged object store. */
    private static final String FSCK = "the repository is damaged: run `git fsck` in it, which names every broken or"
            + " missing object, and restore them (fetch again from a good clone, or clone the repository anew)";

    /** What to do about an object missing from the store: fetch it in a partial or shallow clone, else repair. */
    private String missingHint(String id) {
        if (partialClone()) {
            return "the repository is a partial clone (a promisor remote: git clone --filter), which leaves"
                    + " objects out of its store for git to fetch when git needs them, and this tool reads"
                    + " only what is there: fetch it (`git cat-file -e " + id
                    + "` in the repository does), fetch every object once (" + fullFetch() + ") or run in a clone"
                    + " made without --filter";
        }
        boolean shallow;
        try {
            shallow = !repository.getObjectDatabase().getShallowCommits().isEmpty();
        } catch (IOException e) {
            shallow = false;
        }
        if (shallow) {
            return "the repository is a shallow clone (git clone --depth), which holds no object of a commit older than"
                    + " its depth: fetch the whole history (`git fetch --unshallow`) and run again; if the object is"
                    + " still missing, " + FSCK;
        }
        return FSCK;
    }

    /**
     * What to do about objects missing from the object store, when a walk of the history found several (trust39): in
     * a partial clone, one fetch of every object; in a shallow clone, the whole history; else a repair.
     *
     * @return the advice, a sentence without its end
     */
    public String missingObjectsFix() {
        if (partialClone()) {
            return "the repository is a partial clone (a promisor remote: git clone --filter, common in CI), which"
                    + " leaves objects out of its store for git to fetch when git needs them; this tool fetches nothing"
                    + " and reads only what is there: fetch every object once (" + fullFetch() + ") or clone without"
                    + " --filter (in CI, a full clone: the whole history and no filter), and run again";
        }
        return missingHint("");
    }

    /**
     * Whether the object store holds the object {@code id}: JGit reads only what is there, and never fetches from a
     * partial clone's promisor remote.
     *
     * @param id 40 hex digits
     * @return whether the object store holds it
     * @throws PlanningException when the store cannot be searched
     */
    public boolean holds(String id) {
        try {
            return repository.getObjectDatabase().has(ObjectId.fromString(id));
        } catch (IOException e) {
            throw failure("look up " + id, e);
        }
    }

    /** The command that fetches every object of a partial clone from its promisor remote (git 2.36 or later). */
    private String fullFetch() {
        var config = repository.getConfig();
        String remote = config.getString("extensions", null, "partialclone");
        if (remote == null || !remote.matches("[A-Za-z0-9._-]{1,64}")) {
            remote = config.getSubsections("remote").stream().filter(r -> config.getBoolean("remote", r, "promisor",
                    false) && r.matches("[A-Za-z0-9._-]{1,64}")).findFirst().orElse("origin");
        }
        return "`git fetch --refetch --no-filter " + remote + "` in the repository, git 2.36 or later";
    }

    /** {@code commit <id>} for {@code HEAD}'s commit, or {@code HEAD} when even that cannot be read. */
    private String headName() {
        try {
            ObjectId head = repository.resolve(Constants.HEAD);
            return head == null ? "HEAD" : "HEAD (commit " + head.name() + ")";
        } catch (IOException | RuntimeException e) {
            return "HEAD";
        }
    }

    /** Whether the repository is a partial clone: git fetches the objects it lacks from a promisor remote (probe27). */
    private boolean partialClone() {
        var config = repository.getConfig();
        return config.getString("extensions", null, "partialclone") != null
                || config.getSubsections("remote").stream().anyMatch(remote -> config.getBoolean("remote", remote,
                        "promisor", false));
    }

    /**
     * Whether the repository is a shallow clone ({@code git clone --depth}: its {@code shallow} file lists commits
     * whose parents it does not hold), so a commit older than its depth is not in it, though it is the remote's
     * (probe27: said in the refusal of a {@code snapshot_rev} that is no commit here, with the fix).
     *
     * @throws PlanningException when the shallow file cannot be read
     */
    public boolean shallow() {
        try {
            return !repository.getObjectDatabase().getShallowCommits().isEmpty();
        } catch (IOException e) {
            throw failure("read the shallow commits", e);
        }
    }

    /**
     * The refusal of a commit one of whose trees no git writes (an entry cut short, a name without its end): JGit's
     * tree parsers read past the end of such bytes with an unchecked {@link IndexOutOfBoundsException}, and git
     * accepts such objects from a push unless {@code transfer.fsckObjects} is set, so anyone who pushes can put one
     * on a line (probe27). What the commit holds cannot be told, so nothing is answered either way.
     */
    private PlanningException corrupt(String what, String revision) {
        return new PlanningException("cannot " + what + " in the git repository " + repository.getWorkTree() + ": a git"
                + " tree of commit " + revision + " is corrupt (an entry cut short or a name without its end, which no"
                + " git writes; `git fsck` names it), so what the commit holds cannot be told");
    }

    /**
     * The refusal of a read of {@code revision} that ended in {@code e}: a damaged tree ({@link #corrupt(String,
     * String)}, exit 2) only when JGit's code threw it ({@link #thrownByJGit}); one our own code threw is a bug,
     * handed on as it is, an internal error (git29: every such read told any of them as the user's damaged tree).
     */
    RuntimeException corrupt(String what, String revision, IndexOutOfBoundsException e) {
        return thrownByJGit(e) ? corrupt(what, revision) : e;
    }

    @Override
    public void close() {
        repository.close();
    }
}
