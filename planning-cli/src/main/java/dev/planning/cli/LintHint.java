package dev.planning.cli;

import dev.planning.engine.OutputFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code bin/planning} guesses the next {@code lint} from: whether this command line printed or
 * kept a result ({@link LintResultCache}). The launcher names a file and a token (its working
 * directory and arguments) in two system properties; lint writes the token to the file when it
 * printed a kept result or kept the one it computed, and removes the file otherwise. The next time
 * the same command line runs, the launcher maps the small {@code lintkept} start-up cache (the
 * classes of printing a kept result alone) when the file still holds its token and nothing in the
 * workspace is newer; else the {@code lint} one. A wrong guess costs start-up time, never a result:
 * the kept result is checked against every input's bytes either way. Without the properties (tests,
 * embedders, Java 17) nothing is written.
 */
final class LintHint {

    /** The system property naming the hint file. */
    static final String FILE = "planning.lint.hint.file";

    /** The system property holding the token to write. */
    static final String TOKEN = "planning.lint.hint.token";

    /**
     * The system property the launcher sets to {@code kept} when it guessed a kept result from the hint:
     * the hint is then current (its token, nothing newer), and a kept outcome leaves it as it is.
     */
    static final String GUESS = "planning.lint.hint.guess";

    private LintHint() {
    }

    /**
     * Records the outcome of this lint for the launcher's next guess.
     *
     * @param kept whether a kept result was printed or this lint's result kept
     */
    static void record(boolean kept) {
        if (kept && "kept".equals(System.getProperty(GUESS))) {
            return; // the guess held: writing the same hint again would only cost time
        }
        record(kept, System.getProperty(FILE), System.getProperty(TOKEN));
    }

    /**
     * As {@link #record(boolean)}, with the file and token given (either {@code null}: nothing is done).
     *
     * @return whether the hint is now as asked: written with the token, or removed
     */
    static boolean record(boolean kept, String file, String token) {
        if (file == null || token == null || file.isEmpty()) {
            return false;
        }
        try {
            Path hint = Path.of(file).toAbsolutePath();
            if (!kept) {
                Files.deleteIfExists(hint);
                return true;
            }
            if (!Files.isDirectory(hint.getParent())) {
                return false; // the launcher's directory is gone: a hint is not worth making it again
            }
            // Written whole or not at all (a reader never sees half a token), through the product's one writer: its
            // temporary is unique to the write, so two lints at once both write (the fixed hint.tmp they shared
            // collided, and one wrote no hint), and a killed lint's is swept by a later write an hour on.
            OutputFile.write(hint, token.getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (IOException | RuntimeException e) {
            // A guess at start-up time: failing to write it changes nothing else.
            return false;
        }
    }
}
