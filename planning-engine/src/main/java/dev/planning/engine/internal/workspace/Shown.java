package dev.planning.engine.internal.workspace;

import dev.planning.api.Printable;
import java.io.File;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;

/**
 * Paths and I/O errors as an error message quotes them: on one line ({@link Printable#line}). A
 * directory or file name in a workspace is whatever a contributor committed, and may hold a line
 * feed, an escape sequence or a bidirectional control; so may the message of an
 * {@link java.io.IOException}, which repeats the path. Quoted raw, the command line's {@code error:}
 * line would print a second line of the contributor's choosing (a forged {@code ok:}).
 */
public final class Shown {

    private Shown() {
    }

    /**
     * A path (a {@link java.nio.file.Path}, a {@link File} or a workspace-relative string) on one line, cut at
     * {@value Printable#PATH_CHARACTERS} characters ({@link Printable#cut}); {@code null} as {@code null}. A
     * {@link java.nio.file.Path} whose file system's separator is the backslash (Windows), or a {@link File} where
     * {@link File#separator} is (fix43), has its backslashes shown as themselves, as {@link Printable#path} shows them
     * (msg41): there they are separators, never part of a name, and {@code C:\u005cusers} is not to read
     * {@code C:\u005Cu005Cusers}.
     */
    public static String path(Object path) {
        String separator = separatorOf(path);
        return separator == null ? Printable.cut(String.valueOf(path), Printable.PATH_CHARACTERS)
                : path(path.toString(), separator);
    }

    /**
     * The name separator of a {@link Path}'s file system, or {@link File#separator} for a {@link File} (whose path
     * is not turned into a {@link Path}: a name no file system can hold would throw); {@code null} for a
     * workspace-relative string or another object.
     */
    static String separatorOf(Object path) {
        if (path instanceof Path given) {
            return given.getFileSystem().getSeparator();
        }
        return path instanceof File ? File.separator : null;
    }

    /** {@link #path}'s text of a path on a file system whose separator is {@code separator}. */
    static String path(String path, String separator) {
        return "\\".equals(separator) ? Printable.shown(cutUnquoted(path), "")
                : Printable.cut(path, Printable.PATH_CHARACTERS);
    }

    /**
     * A path's first {@value Printable#PATH_CHARACTERS} characters, then {@code ...} when it is longer, a pair of
     * surrogates never split, as {@link #path} cuts it but not quoted: for a message that is quoted as a whole where it
     * is shown (an {@link dev.planning.api.EventLogCorruptedException}'s, by {@link Printable#line}), where quoting it
     * here as well would show its escapes escaped (text40).
     */
    public static String cutUnquoted(String path) {
        int limit = Printable.PATH_CHARACTERS;
        if (path.length() <= limit) {
            return path;
        }
        int end = Character.isHighSurrogate(path.charAt(limit - 1)) && Character.isLowSurrogate(path.charAt(limit))
                ? limit - 1 : limit;
        return path.substring(0, end) + "...";
    }

    /**
     * An exception's message, which names the file again, on one line: every character not shown as itself escaped,
     * a backslash left as it is ({@link Printable#shown}), since the message may be this project's own, whose values
     * (a lock file's path) were quoted where it was built; quoting it again would show their escapes escaped (text40).
     */
    public static String why(Throwable e) {
        return Printable.shown(String.valueOf(e.getMessage()), "");
    }

    /**
     * Why an I/O operation failed, on one line, without the path the exception repeats: the file
     * system's reason ({@code Permission denied}, translated under the user's locale), "permission
     * denied" for an {@link java.nio.file.AccessDeniedException} that gives none, the message of the Java
     * platform's own plain {@link IOException} (a read answering {@code EIO}: {@code Input/output error}), the
     * file system's own exceptions that give none in words ("not a directory"), else the exception's kind.
     */
    public static String reason(IOException e) {
        String why = e instanceof FileSystemException failed && failed.getReason() != null
                ? failed.getReason() : e instanceof AccessDeniedException ? "permission denied"
                        // The platform's own plain IOException of a read says only the system's reason (fail35).
                        : e.getClass() == IOException.class && e.getMessage() != null
                                && DirectoryEntries.thrownByThePlatform(e) ? e.getMessage()
                        : inWords(e);
        return Printable.line(why);
    }

    /**
     * What the file system's own exceptions that give no reason mean, in words (misc41: {@code keys generate --out
     * /dev/null} said "cannot take this lock (FileAlreadyExistsException)"); the kind of any other.
     */
    private static String inWords(IOException e) {
        return e instanceof FileAlreadyExistsException ? "a file of that name exists already"
                : e instanceof NoSuchFileException ? "no such file or directory"
                : e instanceof NotDirectoryException ? "not a directory"
                : e instanceof DirectoryNotEmptyException ? "the directory is not empty"
                : e instanceof FileSystemLoopException ? "symbolic links that loop"
                : e instanceof NotLinkException ? "not a symbolic link"
                : e.getClass().getSimpleName();
    }

    /**
     * {@code text} as one word of a POSIX shell's command line, for a command printed to be copied:
     * as it is when it holds only characters no shell reads specially (letters and digits of ASCII and
     * {@code _ . / = : , + @ % -}), else in single quotes, a quote inside written {@code '\''}; so a path
     * with a space, a quote or non-ASCII letters pastes as one argument.
     *
     * @param text the word
     * @return the word as a shell reads it back
     */
    public static String shellWord(String text) {
        if (!text.isEmpty() && text.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c)
                || "_./=:,+@%-".indexOf(c) >= 0))) {
            return text;
        }
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
