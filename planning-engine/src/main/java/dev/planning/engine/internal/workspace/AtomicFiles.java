package dev.planning.engine.internal.workspace;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Writes files so that a reader sees the old content or the new, never a mix, and a crash never
 * leaves a half-written file: the bytes go to a temporary file in the same directory, are forced
 * to disk, and the temporary file is then renamed (or linked) into place.
 */
public final class AtomicFiles {

    /** Permissions of a new file: readable by everyone, as an editor would create it. */
    public static final String DEFAULT_PERMISSIONS = "rw-r--r--";

    private AtomicFiles() {
    }

    /**
     * Replaces (or creates) a file atomically, creating missing parent directories.
     *
     * @throws PlanningException when the file cannot be written
     */
    public static void write(Path file, byte[] content) {
        // A replaced file keeps its permissions; a new one gets the default.
        Path temp = writeTemp(file, content, existingPermissions(file).orElse(DEFAULT_PERMISSIONS));
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
     * @throws IOException when the directory cannot be listed or a file deleted
     */
    public static void deleteStrayTemporaries(Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                if (isTemporaryName(file.getFileName().toString(), entry.getFileName().toString())
                        && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(entry);
                }
            }
        }
    }

    /**
     * Whether {@code candidate} is a name the writer ({@code writeTemp}) gives a temporary file of {@code name}:
     * {@code Files.createTempFile(directory, "." + name, ".tmp")} puts between the two the random
     * {@code long} written as {@link Long#toUnsignedString(long)}, so exactly {@code .<name>}, an
     * unsigned decimal below 2^64 without a leading zero (1 to 20 ASCII digits), {@code .tmp}.
     * A name off by anything (a leading zero, a 21st digit, a value past 2^64 - 1, a sign, a
     * letter, another digit script) is someone else's file and is never deleted.
     */
    static boolean isTemporaryName(String name, String candidate) {
        String prefix = "." + name;
        String suffix = ".tmp";
        if (!candidate.startsWith(prefix) || !candidate.endsWith(suffix)
                || candidate.length() <= prefix.length() + suffix.length()) {
            return false;
        }
        String digits = candidate.substring(prefix.length(), candidate.length() - suffix.length());
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

    private static Optional<String> existingPermissions(Path file) {
        try {
            return Optional.of(java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(file)));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static Path writeTemp(Path file, byte[] content, String posixPermissions) {
        Path directory = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(directory);
            // createTempFile makes an owner-only file; give it the target's permissions before the rename.
            Path temp = Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
            try {
                Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString(posixPermissions));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: ACLs inherited from the directory apply.
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
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

    private static PlanningException failure(Path file, IOException e) {
        return new PlanningException("cannot write the file (" + e.getClass().getSimpleName() + ": "
                + e.getMessage() + ")", SourceLocation.ofFile(file.toString()), e);
    }
}
