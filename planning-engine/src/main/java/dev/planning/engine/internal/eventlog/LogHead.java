package dev.planning.engine.internal.eventlog;

import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Objects;

/**
 * What an append needs to know about a log, remembered between appends: its last line's hash, its line count and
 * when its last event is dated, valid while the file keeps the same identity, size and modification time.
 *
 * @param fileKey  the file's identity (inode), or {@code null} where the platform has none
 * @param size     the file's size in bytes
 * @param modified the file's modification time
 * @param lines    the number of lines
 * @param hash     the SHA-256 of the last line, or genesis for an empty log
 * @param last     the timestamp of the last line's event, or {@code null} for an empty log (an append is dated no
 *                 earlier: {@link AppendOrder})
 */
record LogHead(Object fileKey, long size, FileTime modified, int lines, String hash, Instant last) {

    LogHead {
        Objects.requireNonNull(modified, "modified");
        Objects.requireNonNull(hash, "hash");
    }

    static LogHead of(FileStamp stamp, int lines, String hash, Instant last) {
        return new LogHead(stamp.fileKey(), stamp.size(), stamp.modified(), lines, hash, last);
    }

    /** Whether this still describes a file with this stamp. */
    boolean matches(FileStamp stamp) {
        return Objects.equals(fileKey, stamp.fileKey()) && size == stamp.size() && modified.equals(stamp.modified());
    }
}
