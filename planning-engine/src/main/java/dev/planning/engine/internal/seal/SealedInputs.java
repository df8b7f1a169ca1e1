package dev.planning.engine.internal.seal;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import dev.planning.api.SystemFailureException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.ArtifactChecksum;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.engine.internal.evidence.EvidenceInputs;
import dev.planning.engine.internal.git.GitRepository;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.SafePaths;
import dev.planning.engine.internal.workspace.Shown;
import dev.planning.engine.internal.workspace.WorkspaceNames;
import dev.planning.engine.internal.workspace.WriteFailures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The sealed inputs of a handoff as they were sealed, for re-deriving its verdict: each sealed
 * input (plan files, contracts, capacity model, the other streams' plans; not the evidence) with
 * its sealed bytes, read from git objects at the manifest's {@code snapshot_rev} (with JGit, not
 * the work tree) and, only for a manifest sealed dirty, from the work tree; either way only bytes
 * with the sealed SHA-256 and size are used.
 *
 * <p>{@link #pin} writes them into a directory of their own, which then holds exactly the sealed
 * set: the gates run over it see the other streams' plans the signers saw, pinned, whatever those
 * streams did since (a plan changed or a next cycle opened is not this handoff's business). An
 * artifact of the sealed cycle itself that changed is still a discrepancy ({@link ManifestVerifier}).
 */
final class SealedInputs implements AutoCloseable {

    /** What the names of {@link #pin}'s directories start with. */
    static final String PREFIX = "planning-sealed-";

    /** A name {@link #pin} gives: the prefix, its process's id and start (epoch millis), then {@code Files}' random part. */
    static final Pattern OWNED = Pattern.compile(Pattern.quote(PREFIX) + "([0-9]{1,19})-([0-9]{1,19})-[0-9]+");

    /** How long a left directory must have been untouched before {@link #sweep} removes it. */
    static final Duration STALE = Duration.ofHours(1);

    private final Path workspace;
    private final HandoffManifest manifest;
    private final EvidenceInputs inputs;
    private final CycleRef cycle;
    private Optional<GitRepository> git;

    SealedInputs(Path workspace, WorkspaceLayout layout, HandoffManifest manifest, CycleRef cycle) {
        this.workspace = workspace;
        this.manifest = manifest;
        this.inputs = new EvidenceInputs(workspace, layout);
        this.cycle = cycle;
    }

    /**
     * Whether a sealed file belongs to another stream or the whole workspace (another stream's plan,
     * the capacity model): such a file may change after this handoff was sealed without touching it,
     * because its verdict is re-derived from the sealed version.
     */
    boolean pinnable(String path) {
        return inputs.kind(cycle, path).filter(kind -> kind == EvidenceInputs.Input.OTHER_STREAM
                || kind == EvidenceInputs.Input.CAPACITY).isPresent();
    }

    /** Whether {@code path} is an input of a verdict (not the cycle's evidence). */
    boolean isInput(String path) {
        return inputs.kind(cycle, path).isPresent();
    }

    /**
     * The artifact's sealed bytes: for a clean seal, the blob committed at {@code snapshot_rev} and nothing else
     * (seal26: the work tree is not what the seal claims, and its bytes let a set no commit held be judged); for a
     * manifest sealed dirty ({@code dirty: true}), git at {@code snapshot_rev} first, else the work tree (no commit
     * holds such a set); empty when none has them. Nothing is read unless it has the sealed size, and that is at
     * most {@link GitRepository#MAX_READ_BYTES}.
     */
    Optional<byte[]> sealedBytes(ArtifactChecksum artifact) {
        if (!manifest.snapshotRev().equals(GitState.NONE)) {
            Optional<byte[]> committed = git().flatMap(repository -> {
                try {
                    return repository.read(manifest.snapshotRev(), artifact.path(), artifact.bytes());
                } catch (SystemFailureException e) {
                    throw e; // the system failed the read (fail35): not an artifact without sealed bytes
                } catch (PlanningException e) {
                    return Optional.empty();
                }
            });
            if (committed.filter(bytes -> matches(bytes, artifact)).isPresent()) {
                return committed;
            }
            if (!manifest.dirty()) {
                return Optional.empty();
            }
        }
        try {
            Path file = SafePaths.resolve(workspace, artifact.path());
            // Of the sealed size or not read: the file is anyone's who commits, of any size; and the sealed
            // size is the manifest's, which anyone may edit: an input over the bound its gates read to is
            // never read (it could not have been judged), whatever size the manifest claims.
            if (artifact.bytes() <= GitRepository.MAX_READ_BYTES
                    && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) == artifact.bytes()) {
                byte[] bytes = Files.readAllBytes(file);
                return matches(bytes, artifact) ? Optional.of(bytes) : Optional.empty();
            }
        } catch (IOException | PlanningException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * The sealed inputs among {@code inputs} (those the gates read at {@code snapshot_rev}) whose sealed SHA-256 and
     * size are not those of the blob committed there (seal26), each an {@code ARTIFACT_CHANGED} discrepancy: a
     * clean seal claims the content of that commit, and one whose checksum is the work tree's, or anything else,
     * was judged over bytes the commit does not hold. The blob's size is compared first, from its header; only one
     * of the sealed size is read, and never one over {@link GitRepository#MAX_READ_BYTES}.
     *
     * @throws dev.planning.api.InvalidInputException when a blob of the sealed size is over that bound (no gate
     *         reads an input that large, so it cannot have been judged, and it is not read)
     * @throws PlanningException when a blob cannot be read (missing from the object store, as in a partial clone)
     */
    static List<Discrepancy> unlikeCommitted(GitRepository git, HandoffManifest manifest, Set<String> inputs) {
        String rev = manifest.snapshotRev();
        List<Discrepancy> found = new ArrayList<>();
        for (ArtifactChecksum artifact : manifest.artifacts()) {
            if (!inputs.contains(artifact.path())) {
                continue;
            }
            String sealed = "sha256 " + artifact.sha256() + " (" + artifact.bytes() + " bytes), the file committed at"
                    + " snapshot_rev " + rev;
            String why = "sealed input " + artifact.path() + " is not the file committed at snapshot_rev " + rev
                    + ": the manifest seals other bytes than that commit holds, so the verdicts were not judged over"
                    + " its content";
            OptionalLong size = git.size(rev, artifact.path());
            if (size.isEmpty()) {
                found.add(Discrepancy.of(DiscrepancyKind.ARTIFACT_CHANGED, artifact.path(), sealed,
                        "no regular file committed at snapshot_rev " + rev, why));
                continue;
            }
            if (size.getAsLong() != artifact.bytes()) {
                found.add(Discrepancy.of(DiscrepancyKind.ARTIFACT_CHANGED, artifact.path(), sealed,
                        size.getAsLong() + " bytes committed at snapshot_rev " + rev, why));
                continue;
            }
            if (artifact.bytes() > GitRepository.MAX_READ_BYTES) {
                throw new InvalidInputException("sealed input " + Shown.path(artifact.path()) + " is "
                        + artifact.bytes() + " bytes at snapshot_rev " + rev + ", over the "
                        + (GitRepository.MAX_READ_BYTES >> 20) + " MiB an input is read to: no gate can have judged"
                        + " it, and it is not read");
            }
            byte[] bytes = git.read(rev, artifact.path(), artifact.bytes()).orElseThrow(() -> new PlanningException(
                    "cannot read sealed input " + Shown.path(artifact.path()) + " at snapshot_rev " + rev
                            + " from the git repository"));
            if (!matches(bytes, artifact)) {
                found.add(Discrepancy.of(DiscrepancyKind.ARTIFACT_CHANGED, artifact.path(), sealed,
                        "sha256 " + Sha256.hex(bytes) + " (" + bytes.length + " bytes) committed at snapshot_rev "
                                + rev, why));
            }
        }
        return found;
    }

    /** The most planning files the streams directory of a sealed commit is listed to. */
    static final int MAX_COMMITTED_PLAN_FILES = 100_000;

    /** The directories of a commit's streams directory that hold planning files: where the gates look. */
    private static final String PLAN_DIRECTORY = "planning-[^/]+(?:/(?:tasks|storymaps|decisions|contracts))?";

    /**
     * The inputs the gates of {@code cycle} read when they run over the files committed at {@code revision}
     * of {@code repository} (the cycle's plan files and contracts, the capacity model, the other streams'
     * plans as the gates choose them), workspace-relative; empty when it is no commit here. Told from the
     * commit's file names alone, by the code that tells them in a work tree ({@link EvidenceInputs#paths}),
     * asking a tree of those names ({@link WorkspaceNames#ofFiles}): nothing is read, nothing is written.
     * {@code verify} tells them on {@link SnapshotCheck}'s thread.
     *
     * @throws dev.planning.api.InvalidInputException when the commit holds more than
     *         {@link #MAX_COMMITTED_PLAN_FILES} planning files
     */
    static Optional<Set<String>> committedInputs(GitRepository repository, WorkspaceLayout layout, CycleRef cycle,
            String revision) {
        String root = layout.streamsRoot();
        Pattern enter = Pattern.compile(Pattern.quote(root + "/") + PLAN_DIRECTORY);
        Pattern keep = Pattern.compile(Pattern.quote(root + "/") + "(?:capacity\\.yaml|" + PLAN_DIRECTORY + "/[^/]+)");
        Optional<List<String>> names = repository.entries(revision, root, path -> enter.matcher(path).matches(),
                path -> keep.matcher(path).matches(), MAX_COMMITTED_PLAN_FILES);
        if (names.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TreeSet<>(EvidenceInputs.paths(WorkspaceNames.ofFiles(names.get()), layout, cycle)));
    }

    /**
     * Writes every sealed input with its sealed bytes into a new temporary directory, at its
     * workspace-relative path; the caller deletes it with {@link #delete}. The directory's name
     * carries this process's id and start ({@link #OWNED}), and what a process that was killed before
     * its {@code delete} left is swept first ({@link #sweep}).
     *
     * @throws IllegalStateException when a sealed input's sealed bytes cannot be found
     * @throws PlanningException when the inputs cannot be written (a {@code SystemFailureException} when the
     *         system failed the write)
     */
    Path pin() {
        Path root;
        try {
            root = Files.createTempDirectory(PREFIX + ProcessHandle.current().pid() + "-" + started(ProcessHandle.current())
                    + "-");
        } catch (IOException e) {
            throw unwritable(e, Path.of(System.getProperty("java.io.tmpdir")));
        }
        sweep(root.getParent(), root, Instant.now());
        try {
            for (ArtifactChecksum artifact : manifest.artifacts()) {
                if (!isInput(artifact.path())) {
                    continue;
                }
                byte[] bytes = sealedBytes(artifact).orElseThrow(() -> new IllegalStateException("the sealed bytes of "
                        + artifact.path() + " are not at snapshot_rev " + manifest.snapshotRev()
                        + (manifest.dirty() ? " nor in the work tree" : "")));
                Path target = SafePaths.resolve(root, artifact.path());
                Files.createDirectories(target.getParent());
                Files.write(target, bytes);
            }
            return root;
        } catch (IOException | RuntimeException e) {
            RuntimeException failure = e instanceof IOException io ? unwritable(io, root) : (RuntimeException) e;
            delete(root, failure);
            throw failure;
        }
    }

    /**
     * A failed write of the sealed inputs, judged as every write of the product's files is: the user's (a
     * temporary directory they may not write, exit 2) or the system's (a full disk, EIO, exit 3); was an
     * {@code UncheckedIOException}, which {@code verify} showed as an internal error (fail36's note).
     */
    private static PlanningException unwritable(IOException e, Path otherwise) {
        Path file = WriteFailures.failedPath(e, otherwise);
        return WriteFailures.of("cannot write the sealed inputs to recompute the verdicts", file, file.toString(), e);
    }

    /**
     * Removes the directories of {@link #pin} that their process left when it was killed (by
     * {@code kill -9}, a CI timeout) before it could delete them, in {@code directory} (the temporary
     * directory). Only what this code made and only when its process is gone: a directory (not a link)
     * named as {@link #OWNED} says, with the same owner as {@code ours} (this process's own new one),
     * untouched for {@link #STALE} (so never one a process in another PID namespace that shares the
     * temporary directory is still writing or reading), whose process id is not running, or runs a
     * process that started at another time (the id was reused). A directory it cannot judge or
     * delete stays; nothing here fails the caller.
     */
    static void sweep(Path directory, Path ours, Instant now) {
        try (Stream<Path> entries = Files.list(directory)) {
            UserPrincipal owner = Files.getOwner(ours, LinkOption.NOFOLLOW_LINKS);
            for (Path entry : (Iterable<Path>) entries::iterator) {
                Matcher name = OWNED.matcher(entry.getFileName().toString());
                if (entry.equals(ours) || !name.matches()) {
                    continue;
                }
                try {
                    BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    if (attributes.isDirectory() && owner.equals(Files.getOwner(entry, LinkOption.NOFOLLOW_LINKS))
                            && attributes.lastModifiedTime().toInstant().isBefore(now.minus(STALE))
                            && !running(Long.parseLong(name.group(1)), Long.parseLong(name.group(2)))) {
                        delete(entry);
                    }
                } catch (IOException | UncheckedIOException | PlanningException | NumberFormatException
                        | SecurityException e) {
                    // Gone meanwhile, not ours to judge, or not deletable: left as it is.
                }
            }
        } catch (IOException | UncheckedIOException | SecurityException e) {
            // An unreadable temporary directory: nothing swept this time.
        }
    }

    /** Whether process {@code pid} runs and started at {@code started} (epoch millis; 0: not known, so any). */
    private static boolean running(long pid, long started) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        return process.isPresent() && (started == 0 || started(process.get()) == 0 || started(process.get()) == started);
    }

    /** When a process started, in epoch millis; 0 when the platform does not say. */
    private static long started(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    /**
     * Deletes a directory {@link #pin} wrote.
     *
     * @throws PlanningException when it cannot be deleted, judged as every write of the product's files ({@link
     *         WriteFailures}): the user's (exit 2) or the system's (a disk's I/O error, exit 3); errs37: it was an
     *         {@code UncheckedIOException}, which {@code verify} showed as an internal error
     */
    static void delete(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw undeletable(e, root);
        } catch (UncheckedIOException e) {
            throw undeletable(e.getCause(), root); // the walk's failure past its first entry
        }
    }

    /**
     * As {@link #delete}, for a caller on its way out with {@code failure}: a failure to delete is added to it as
     * suppressed, never thrown in its place.
     */
    static void delete(Path root, Throwable failure) {
        try {
            delete(root);
        } catch (PlanningException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * A failed delete of the sealed inputs, judged as every write of the product's files is: the user's when the path
     * shows a cause they can fix (a permission denied, exit 2), else the system's (a disk's I/O error, exit 3). Judged
     * by {@link DirectoryEntries#usersToFix}, not {@link WriteFailures#of}, whose directory-in-the-way rule would
     * blame the user for the directory being deleted.
     */
    private static PlanningException undeletable(IOException e, Path root) {
        Path file = WriteFailures.failedPath(e, root);
        String said = "cannot delete the sealed inputs written to recompute the verdicts (" + Shown.reason(e) + ")";
        SourceLocation at = SourceLocation.ofFile(file.toString());
        if (DirectoryEntries.usersToFix(file, e)) {
            return new PlanningException(said, at, e);
        }
        return new SystemFailureException(said + ": the system failed, not the input (a disk answering an I/O error,"
                + " say); check the disk and try again (PLANNING_DEBUG=1 shows the stack trace)", at, e);
    }

    private static boolean matches(byte[] bytes, ArtifactChecksum artifact) {
        return bytes.length == artifact.bytes() && Sha256.hex(bytes).equals(artifact.sha256());
    }

    private Optional<GitRepository> git() {
        if (git == null) {
            git = GitRepository.find(workspace);
        }
        return git;
    }

    @Override
    public void close() {
        if (git != null) {
            git.ifPresent(GitRepository::close);
        }
    }
}
