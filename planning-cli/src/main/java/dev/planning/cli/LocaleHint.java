package dev.planning.cli;

import java.util.Arrays;
import java.util.Optional;

/**
 * The note added to a bad-usage error when the locale's character set cannot represent a
 * non-ASCII name: under {@code LC_ALL=C} the JVM reads the arguments and the current directory in
 * ASCII, so {@code Wörk} arrives as {@code W\uFFFD\uFFFDrk}, and a path that exists is reported
 * as not found or as no path. Only looked at after a command failed. {@code bin/planning} runs the JVM
 * under an installed UTF-8 locale when the user's is not one, so the note is for the CLI run from
 * Java (an embedder, the jar) and for a machine with no UTF-8 locale installed.
 */
final class LocaleHint {

    private static final char UNREADABLE = '\uFFFD';

    private LocaleHint() {
    }

    /** The note for this process, if its failure may come from the locale. */
    static Optional<String> forFailure(String[] args) {
        return forFailure(args, System.getProperty("sun.jnu.encoding"), System.getProperty("user.dir"));
    }

    /**
     * The note, if {@code encoding} (the JVM's for file names and arguments) is not UTF-8 and an
     * argument or the working directory holds a character it could not read.
     */
    static Optional<String> forFailure(String[] args, String encoding, String workingDirectory) {
        if (encoding == null || encoding.equalsIgnoreCase("UTF-8") || encoding.equalsIgnoreCase("UTF8")) {
            return Optional.empty();
        }
        boolean inDirectory = workingDirectory != null && workingDirectory.indexOf(UNREADABLE) >= 0;
        boolean inArguments = Arrays.stream(args).anyMatch(arg -> arg.indexOf(UNREADABLE) >= 0);
        if (!inDirectory && !inArguments) {
            return Optional.empty();
        }
        String where = inDirectory && inArguments ? "the current directory and the arguments"
                : inDirectory ? "the current directory" : "the arguments";
        return Optional.of("note: the locale's character set is " + encoding + " (from LC_ALL, LC_CTYPE or LANG),"
                + " which cannot represent the non-ASCII letters in " + where + ": Java read them as '"
                + UNREADABLE + "', so a path holding them names nothing; run under a UTF-8 locale,"
                + " e.g. LC_ALL=C.UTF-8");
    }
}
