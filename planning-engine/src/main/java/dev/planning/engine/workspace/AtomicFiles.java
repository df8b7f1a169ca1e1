package dev.planning.engine.workspace;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that a reader sees the old content or the new, never a mix, and a crash never
 * leaves a half-written file: the bytes go to a temporary file in the same directory, are forced
 * to disk, and the temporary file is then renamed (or linked) into place.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Replaces (or creates) a file atomically, creating missing parent directories.
     *
     * @throws PlanningException when the file cannot be written
     */
    public static void write(Path file, byte[] content) {
        Path temp = writeTemp(file, content);
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
        if (Files.exists(file)) {
            throw exists(file);
        }
        Path temp = writeTemp(file, content);
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

    private static Path writeTemp(Path file, byte[] content) {
        Path directory = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(directory);
            Path temp = Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
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
