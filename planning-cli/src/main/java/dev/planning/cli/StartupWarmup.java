package dev.planning.cli;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.text.SimpleDateFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Sets up, on a second thread, what a short read-only command will set up first on its own thread
 * anyway, so that the two overlap: the JDK's one-time initialisations that cost a command the most
 * and depend on nothing it reads (measured in docs/BENCHMARKS.md, tenth pass). Nothing here reads a
 * file, and nothing it makes is kept or handed to the command: the command's own calls find the
 * JDK's classes initialised and its providers listed, and do the rest themselves. A step that fails
 * is skipped (the command then meets the same failure itself and reports it as usual).
 *
 * <p>Only the command-line process warms up ({@link PlanningCommand#main}); embedders and tests,
 * which call {@link PlanningCommand#execute}, do not. Only for the commands listed in
 * {@link #stepsFor}: for a command that would not use a step, running it would be work wasted.
 */
final class StartupWarmup {

    /** One thing to set up ahead of the command. */
    enum Step {
        /**
         * {@code java.math.BigDecimal}'s class initialisation, which jackson-core's parser reaches before
         * its first token (on Java 25 it computes a table of large powers, in the interpreter).
         */
        BIG_DECIMAL,
        /** The security providers' list and SHA-256 (hash chain, file checksums, rulebook hash). */
        SHA_256,
        /**
         * The JDK's locale data for dates, which Jackson's first {@code ObjectMapper} sets up (its
         * {@code StdDateFormat} makes a {@code SimpleDateFormat} when it is initialised).
         */
        LOCALE_DATA,
        /** The providers of Ed25519 key factories and signatures (the trust file, the signatures). */
        ED25519
    }

    private StartupWarmup() {
    }

    /**
     * What to warm up for these arguments: {@code status}, the event logs' parsing and hashing;
     * {@code verify --checksums-only}, also the mappers' locale data and Ed25519; nothing otherwise.
     */
    static List<Step> stepsFor(String[] args) {
        String command = args.length > 0 ? args[0] : "";
        if (command.equals("status")) {
            return List.of(Step.BIG_DECIMAL, Step.SHA_256);
        }
        if (command.equals("verify") && Arrays.asList(args).contains("--checksums-only")) {
            return List.of(Step.BIG_DECIMAL, Step.LOCALE_DATA, Step.SHA_256, Step.ED25519);
        }
        return List.of();
    }

    /** Starts the steps for these arguments on a daemon thread, when there are any. */
    static void start(String[] args) {
        List<Step> steps = stepsFor(args);
        if (steps.isEmpty()) {
            return;
        }
        Thread thread = new Thread(() -> steps.forEach(StartupWarmup::run), "planning-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs one step; a step that fails is skipped. */
    static void run(Step step) {
        try {
            switch (step) {
                case BIG_DECIMAL -> java.math.BigDecimal.valueOf(1);
                case SHA_256 -> MessageDigest.getInstance("SHA-256");
                case LOCALE_DATA -> new SimpleDateFormat("EEE, dd MMM yyyy HH:mm:ss zzz", Locale.US);
                case ED25519 -> {
                    KeyFactory.getInstance("Ed25519");
                    Signature.getInstance("Ed25519");
                }
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            // Skipped: the command meets the same failure itself, if it ever needs the step.
        }
    }
}
