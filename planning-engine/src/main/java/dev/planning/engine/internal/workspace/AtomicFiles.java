package dev.planning.engine.internal.workspace;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Writes files so that a reader sees the old content or the new, never a mix, and a crash never
 * leaves a half-written file: the bytes go to a temporary file in the same directory, are forced
 * to disk, and the temporary file is then renamed (or linked) into place.
 */
public final class AtomicFiles {

    /**
     * Permissions of a new file of the workspace (a plan, a manifest, an event log, a trust file, a public key):
     * readable by everyone, whatever the umask, as the repository shares them. Private keys and the cache's key are
     * written owner-only ({@code rw-------}, {@link #writeNew(Path, byte[], String)}), whatever the umask too, and a
     * cache's files as {@link #writeUnguarded(Path, byte[], String)} is told; a new file for the user
     * ({@link #writeUnguarded(Path, byte[])}) gets the umask's.
     */
    public static final String DEFAULT_PERMISSIONS = "rw-r--r--";

    /** What a new file of the user's is created with, before the process's umask takes its bits away. */
    private static final String BEFORE_UMASK = "rw-rw-rw-";

    /**
     * How old a temporary of a file no lock guards must be before a later write deletes it ({@link
     * #writeUnguarded}): far longer than any write takes, as the rules cache's bound is.
     */
    public static final Duration STALE_TEMPORARY = Duration.ofHours(1);

    /** Between a temporary's file name and its number: no digit, so the name ends where it stands. */
    private static final String SEPARATOR = "~";

    /** A write's failure, made in tests (a full disk cannot be had for real): {@link #beforeForce}. */
    @FunctionalInterface
    interface Fault {
        /** Throws the failure of writing {@code file}'s temporary, or returns. */
        void check(Path file) throws IOException;
    }

    /** Called once a temporary's bytes are written, before they are forced; tests replace it to fail the write. */
    static volatile Fault beforeForce = file -> { };

    private AtomicFiles() {
    }

    /**
     * Replaces (or creates) a file atomically, creating missing parent directories.
     *
     * @throws PlanningException when the file cannot be written
     */
    public static void write(Path file, byte[] content) {
        // A replaced file keeps its permissions; a new one gets the default.
        replace(file, content, existingPermissions(file).orElse(DEFAULT_PERMISSIONS));
    }

    /**
     * As {@link #write(Path, byte[])}, with POSIX permissions such as {@code rw-------} set on the temporary file
     * before it gets its name, whether the file is new or replaced: never visible with wider ones. Ignored where the
     * file system has no POSIX permissions.
     *
     * @throws PlanningException when the file cannot be written
     */
    public static void write(Path file, byte[] content, String posixPermissions) {
        replace(file, content, Objects.requireNonNull(posixPermissions, "posixPermissions"));
    }

    /** {@link #write}, the temporary given {@code posixPermissions}, or the umask's when they are {@code null}. */
    private static void replace(Path file, byte[] content, String posixPermissions) {
        Path temp = writeTemp(file, content, posixPermissions);
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(file.getParent());
        } catch (IOException e) {
            throw failure(file, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /**
     * Creates a file atomically, refusing to replace an existing one (for sealed manifests): the
     * complete temporary file is hard-linked to the target name, which fails if the name exists.
     *
     * @throws InvalidInputException when the file already exists
     * @throws PlanningException     when the file cannot be written
     */
    public static void writeNew(Path file, byte[] content) {
        writeNew(file, content, DEFAULT_PERMISSIONS);
    }

    /**
     * As {@link #writeNew(Path, byte[])}, with POSIX permissions such as {@code rw-------} set on
     * the temporary file before it gets its name, so the file is never visible with wider ones.
     * Ignored where the file system has no POSIX permissions.
     */
    public static void writeNew(Path file, byte[] content, String posixPermissions) {
        if (Files.exists(file)) {
            throw exists(file);
        }
        Path temp = writeTemp(file, content, posixPermissions);
        try {
            try {
                Files.createLink(file, temp);
            } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
                if (noHardLinks instanceof FileAlreadyExistsException) {
                    throw exists(file);
                }
                // Without hard links, a move without REPLACE_EXISTING still refuses an existing file.
                Files.move(temp, file);
            }
            syncDirectory(file.getParent());
        } catch (FileAlreadyExistsException e) {
            throw exists(file);
        } catch (IOException e) {
            throw failure(file, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /**
     * Deletes the temporary files that writes of {@code file} left behind when their process was
     * killed: regular files in its directory named exactly as {@link #write} and {@link #writeNew} name
     * them ({@link #isTemporaryName}), and nothing else. Only for a caller holding a lock that every
     * writer of {@code file} takes, since a write under way would lose its temporary file too.
     *
     * <p>A temporary of the earlier form, {@code .<name><number>.tmp}, is deleted too, but only when no
     * other entry of the directory is named {@code <name>} and some of the number's first digits: such a
     * name may be {@code <name>7}'s temporary, written under another lock ({@link #isOldTemporaryName}).
     *
     * @throws IOException when the directory cannot be listed or a file deleted
     */
    public static void deleteStrayTemporaries(Path file) throws IOException {
        deleteTemporaries(file, entry -> true);
    }

    /**
     * Replaces (or creates) a file as {@link #write} does, for a file that no lock guards (a file the user names
     * with {@code --out}, a report, the demo's files), then deletes the temporaries of it that writes killed at
     * least {@link #STALE_TEMPORARY} ago left ({@link #isTemporaryName}, and the earlier form as {@link
     * #deleteStrayTemporaries} weighs it): a younger one may be a write under way, which would lose its file.
     * A crash so leaves nothing that lives past the next write an hour later (exit25: these writers used the
     * earlier form, which nothing swept). A temporary that cannot be deleted is left: the file is written.
     *
     * <p>A new file gets the permissions the process's umask gives a new file ({@code rw-rw-rw-} less the umask's
     * bits), as a shell's redirection or an editor would give it, and a replaced one keeps its own: a user whose
     * umask keeps files private gets a private report (keys26: every new one was {@code rw-r--r--}, and the writer
     * before exit25's left each owner-only). Not for secrets, which {@link #writeNew(Path, byte[], String)} writes
     * owner-only whatever the umask.
     *
     * @throws PlanningException when the file cannot be written, classified by {@link WriteFailures}
     */
    public static void writeUnguarded(Path file, byte[] content) {
        replace(file, content, existingPermissions(file).orElse(null));
        deleteStaleTemporaries(file);
    }

    /**
     * As {@link #writeUnguarded(Path, byte[])}, with the permissions {@link #write(Path, byte[], String)} sets (a
     * cache's owner-only files, which two processes may write at once).
     *
     * @throws PlanningException when the file cannot be written, classified by {@link WriteFailures}
     */
    public static void writeUnguarded(Path file, byte[] content, String posixPermissions) {
        write(file, content, posixPermissions);
        deleteStaleTemporaries(file);
    }

    /**
     * Deletes the temporaries of {@code file} that writes killed at least {@link #STALE_TEMPORARY} ago left, as
     * {@link #writeUnguarded} does once its file is in place: for a file no lock guards, whose younger temporary
     * may be a write under way. Never fails: a leftover that cannot go now goes with a later write.
     */
    public static void deleteStaleTemporaries(Path file) {
        Instant staleBefore = Instant.now().minus(STALE_TEMPORARY);
        try {
            deleteTemporaries(file, entry -> {
                try {
                    return Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(staleBefore);
                } catch (IOException gone) {
                    return false;
                }
            });
        } catch (IOException | RuntimeException e) {
            // Nothing depends on it: the leftovers wait for a later write.
        }
    }

    private static void deleteTemporaries(Path file, Predicate<Path> mayGo) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(directory)) {
            return;
        }
        String name = file.getFileName().toString();
        List<Path> candidates = new ArrayList<>();
        Set<String> siblings = new HashSet<>();
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String entryName = entry.getFileName().toString();
                siblings.add(entryName);
                if (isTemporaryName(name, entryName) || isOldTemporaryName(name, entryName)) {
                    candidates.add(entry);
                }
            }
        }
        for (Path entry : candidates) {
            String entryName = entry.getFileName().toString();
            if ((isTemporaryName(name, entryName) || !mayBeAnothers(name, entryName, siblings))
                    && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) && mayGo.test(entry)) {
                Files.deleteIfExists(entry);
            }
        }
    }

    /**
     * Whether {@code candidate} is a name the writer ({@code writeTemp}) gives a temporary file of {@code name}:
     * {@code Files.createTempFile(directory, "." + name + "~", ".tmp")} puts between the two the random
     * {@code long} written as {@link Long#toUnsignedString(long)}, so exactly {@code .<name>~}, an
     * unsigned decimal below 2^64 without a leading zero (1 to 20 ASCII digits), {@code .tmp}.
     * A name off by anything (a leading zero, a 21st digit, a value past 2^64 - 1, a sign, a
     * letter, another digit script) is someone else's file and is never deleted. The {@code ~}
     * cannot appear in the number, so a temporary has one owner: {@code .trust.yaml~7123.tmp} is
     * {@code trust.yaml}'s, never {@code trust.yaml7}'s (errors24; see {@link #isOldTemporaryName}).
     */
    static boolean isTemporaryName(String name, String candidate) {
        return candidate.startsWith("." + name + SEPARATOR) && number(candidate, name.length() + 2);
    }

    /**
     * Whether {@code candidate} has the form temporaries had before the separator,
     * {@code .<name><number>.tmp}: ambiguous, as {@code .trust.yaml7123.tmp} is as much
     * {@code trust.yaml7}'s, which {@link #deleteStrayTemporaries} weighs.
     */
    static boolean isOldTemporaryName(String name, String candidate) {
        return candidate.startsWith("." + name) && number(candidate, name.length() + 1);
    }

    /** Whether the candidate is, from {@code from} on, a number as the runtime writes one, then {@code .tmp}. */
    private static boolean number(String candidate, int from) {
        String suffix = ".tmp";
        if (!candidate.endsWith(suffix) || candidate.length() <= from + suffix.length()) {
            return false;
        }
        String digits = candidate.substring(from, candidate.length() - suffix.length());
        if (digits.length() > 20 || (digits.length() > 1 && digits.charAt(0) == '0')
                || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        try {
            Long.parseUnsignedLong(digits);
            return true;
        } catch (NumberFormatException beyondALong) {
            return false;
        }
    }

    /**
     * Whether an old-form temporary of {@code name} may be the temporary of another entry of the directory:
     * {@code <name>} and the first digits of its number (its temporary or itself) name an entry there.
     */
    private static boolean mayBeAnothers(String name, String candidate, Set<String> siblings) {
        String digits = candidate.substring(name.length() + 1, candidate.length() - ".tmp".length());
        for (int end = 1; end < digits.length(); end++) {
            String other = name + digits.substring(0, end);
            if (siblings.contains(other) || siblings.stream().anyMatch(sibling -> isTemporaryName(other, sibling))) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> existingPermissions(Path file) {
        try {
            return Optional.of(PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(file)));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static Path writeTemp(Path file, byte[] content, String posixPermissions) {
        Path directory = file.toAbsolutePath().getParent();
        if (directory == null || file.getFileName() == null) {
            // The root (`--out /`): no name to write under, the user's to fix (review25: a NullPointerException).
            throw new PlanningException("cannot write the file (it names no file: a directory path with no file name"
                    + " in it)", SourceLocation.ofFile(file.toString()), null);
        }
        try {
            Files.createDirectories(directory);
            String prefix = "." + file.getFileName() + SEPARATOR;
            Path temp;
            if (posixPermissions == null) {
                temp = createUnderUmask(directory, prefix);
            } else {
                // createTempFile makes an owner-only file; give it the target's permissions before the rename.
                temp = Files.createTempFile(directory, prefix, ".tmp");
                try {
                    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(posixPermissions));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: ACLs inherited from the directory apply.
                }
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                beforeForce.check(file);
                channel.force(true);
            } catch (IOException e) {
                deleteQuietly(temp);
                throw e;
            }
            return temp;
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    /**
     * A new temporary whose permissions are the umask's: the mode given at its creation is masked by the process's
     * umask, as the system masks any new file's (a later {@code chmod} would not be).
     */
    private static Path createUnderUmask(Path directory, String prefix) throws IOException {
        try {
            return Files.createTempFile(directory, prefix, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(BEFORE_UMASK)));
        } catch (UnsupportedOperationException notPosix) {
            return Files.createTempFile(directory, prefix, ".tmp");
        }
    }

    /** Makes the rename itself durable; not every platform can open a directory, which is fine. */
    private static void syncDirectory(Path directory) {
        if (directory == null) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // The data itself was already forced; only the directory entry's durability is at stake.
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // A stray temporary file is harmless and named so that it is recognisable.
        }
    }

    private static InvalidInputException exists(Path file) {
        return new InvalidInputException("file already exists and is never overwritten",
                SourceLocation.ofFile(file.toString()));
    }

    /** A user's mistake (exit 2) or the system's failure (exit 3), as {@link WriteFailures} tells them apart. */
    private static PlanningException failure(Path file, IOException e) {
        return WriteFailures.of("cannot write the file", file, file.toString(), e);
    }
}
