package dev.planning.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A place in a workspace file that a finding or an error is about.
 *
 * <p>{@code file} is the path relative to the workspace root, with {@code /} separators (or the
 * path as given when the file lies outside any workspace). {@code line} and {@code column} are
 * 1-based; {@code 0} means unknown. {@link #toString()} renders the conventional
 * {@code file:line:column} form that editors and CI annotations understand.
 *
 * <p>The file is shown as it is held ({@link PlanningException#describe}, {@code Finding.describe()}): every
 * character not shown as itself escaped, a backslash left as it is, since a reader that names a path on disk gives
 * it as {@link Printable#path} shows it, escapes written. A workspace-relative name is held as it is (the JSON
 * outputs hold it so); one listed from a directory (a rule test's file) with the six characters {@code \u005cu000A}
 * in it reads in a one-line message like one holding a line feed (msg41).
 *
 * @param file   the file, never {@code null}
 * @param line   1-based line, or {@code 0} when unknown
 * @param column 1-based column, or {@code 0} when unknown
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record SourceLocation(String file, int line, int column) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param file the file, never {@code null}
     * @param line 1-based line, or {@code 0} when unknown
     * @param column 1-based column, or {@code 0} when unknown
     */
    public SourceLocation {
        Objects.requireNonNull(file, "file");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must be >= 0");
        }
    }

    /**
     * A location naming only a file.
     *
     * @param file the file, never {@code null}
     * @return a location naming only a file
     */
    public static SourceLocation ofFile(String file) {
        return new SourceLocation(file, 0, 0);
    }

    /**
     * Whether the line is known.
     *
     * @return whether the line is known
     */
    public boolean hasLine() {
        return line > 0;
    }

    /** {@code file}, {@code file:line} or {@code file:line:column}, as much as is known. */
    @Override
    public String toString() {
        if (line == 0) {
            return file;
        }
        return column == 0 ? file + ":" + line : file + ":" + line + ":" + column;
    }
}
