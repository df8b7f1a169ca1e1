package dev.planning.engine.internal.eventlog;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What one {@code stat} of a log says about its content: its identity, size, modification time
 * and, when asked for and the file system keeps one, its change time ({@code ctime}, which the
 * kernel sets to the current time on every change of the file's bytes or attributes and which,
 * unlike the modification time, no user can set back).
 *
 * @param fileKey      the file's identity (device and inode), or {@code null} where the platform has none
 * @param size         the file's size in bytes
 * @param modified     the file's modification time
 * @param changed      the file's change time, or {@code null} when not read or not kept
 */
record FileStamp(Object fileKey, long size, FileTime modified, FileTime changed) {

    private static final String UNIX_ATTRIBUTES = "unix:fileKey,size,lastModifiedTime,ctime";
    private static final FileSystem DEFAULT = FileSystems.getDefault();
    private static final boolean DEFAULT_HAS_UNIX = DEFAULT.supportedFileAttributeViews().contains("unix");

    FileStamp {
        Objects.requireNonNull(modified, "modified");
    }

    /**
     * Reads a file's stamp with one {@code stat} (following a link).
     *
     * @param withChangeTime whether to read the change time too (where the file system has the
     *                       {@code unix} attribute view; otherwise {@link #changed()} is {@code null})
     */
    static FileStamp read(Path file, boolean withChangeTime) throws IOException {
        if (withChangeTime && hasUnixView(file)) {
            Map<String, Object> a = Files.readAttributes(file, UNIX_ATTRIBUTES);
            return new FileStamp(a.get("fileKey"), (Long) a.get("size"), (FileTime) a.get("lastModifiedTime"),
                    (FileTime) a.get("ctime"));
        }
        return of(Files.readAttributes(file, BasicFileAttributes.class));
    }

    /** The stamp of attributes already read (without the change time). */
    static FileStamp of(BasicFileAttributes a) {
        return new FileStamp(a.fileKey(), a.size(), a.lastModifiedTime(), null);
    }

    private static boolean hasUnixView(Path file) {
        FileSystem fs = file.getFileSystem();
        return fs == DEFAULT ? DEFAULT_HAS_UNIX : fs.supportedFileAttributeViews().contains("unix");
    }

    /**
     * Whether {@code now} shows the same file with the same identity, size, modification time and
     * change time (when this stamp has one: then {@code now} must have the same).
     */
    boolean sameAs(FileStamp now) {
        return Objects.equals(fileKey, now.fileKey) && size == now.size && modified.equals(now.modified)
                && (changed == null || changed.equals(now.changed));
    }

    /** The later of the modification and change times: when the file last changed, as far as it tells. */
    Instant lastChange() {
        Instant m = modified.toInstant();
        if (changed == null) {
            return m;
        }
        Instant c = changed.toInstant();
        return c.isAfter(m) ? c : m;
    }
}
