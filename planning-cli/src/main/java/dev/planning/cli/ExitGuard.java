package dev.planning.cli;

import java.io.PrintStream;

/**
 * Makes the process's exit code the CLI's own verdict. Rules and plug-ins run inside the CLI's
 * process; if one of them ends it ({@code System.exit(0)} from a rule consequence, a thread that
 * exits while the command is still working), the shutdown hook finds no verdict and halts the
 * process with {@link ExitCodes#INTERNAL} instead, so that a CI job never reads a pass that the CLI
 * did not decide. Once the verdict is set, a non-zero verdict is enforced the same way: another
 * thread's {@code exit(0)} racing the CLI's own exit cannot turn a failure into a pass.
 *
 * <p>What this cannot catch: {@code Runtime.halt}, which runs no shutdown hook. The policy language
 * (no static calls but {@code Math}, {@code String.valueOf} and {@code Report.violation}) keeps it
 * out of rulebooks; see docs/SECURITY.md.
 */
final class ExitGuard {

    private static final Object LOCK = new Object();
    private static volatile Integer verdict;
    private static boolean installed;

    private ExitGuard() {
    }

    /** Installs the shutdown hook, once per process. */
    static void install(PrintStream err) {
        synchronized (LOCK) {
            if (installed) {
                return;
            }
            installed = true;
        }
        Runtime.getRuntime().addShutdownHook(hook(err));
    }

    /**
     * The shutdown hook {@link #install} registers, not started. Apart so that the start-up training
     * ({@link StartupTraining}, which must not install it: its process exits without a verdict) can
     * make one, and the hook's classes are in the start-up caches like the rest of {@code main}'s.
     */
    static Thread hook(PrintStream err) {
        return new Thread(() -> {
            Integer reached = verdict;
            if (reached == null) {
                err.println("error: the process was told to exit before the command reached its verdict"
                        + " (System.exit from a rule or plug-in, or a signal); no verdict, exit code " + ExitCodes.INTERNAL);
                err.flush();
                Runtime.getRuntime().halt(ExitCodes.INTERNAL);
            } else if (reached != ExitCodes.OK) {
                Runtime.getRuntime().halt(reached);
            }
        }, "planning-exit-guard");
    }

    /**
     * Whether {@code main} may end by returning instead of calling {@code System.exit}: only for exit code
     * 0 ({@link ExitCodes#OK}), and only when every other live thread is a daemon, so that the JVM ends
     * at once, with code 0, after running the same shutdown hooks (this guard's among them). What that
     * saves: Java 17+'s {@code Runtime.exit} asks {@code System.getLogger} whether to log the exit, and
     * the process's first logger searches the class path for a logging back end (opening and indexing
     * the CLI's jar, ~28,000 entries) and sets up {@code java.util.logging}, though no command logs
     * (docs/benchmarks/cold-start.md, "Cold start, thirteenth pass"). A non-zero code, or a thread that would keep
     * the JVM alive (or threads too many to count), goes through {@code System.exit} as before.
     */
    static boolean mayReturn(int code) {
        if (code != ExitCodes.OK) {
            return false;
        }
        Thread current = Thread.currentThread();
        ThreadGroup root = current.getThreadGroup();
        while (root != null && root.getParent() != null) {
            root = root.getParent();
        }
        if (root == null) {
            return false;
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int count = root.enumerate(threads, true);
        if (count == threads.length) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            Thread thread = threads[i];
            if (thread != current && !thread.isDaemon() && thread.isAlive()) {
                return false;
            }
        }
        return true;
    }

    /** Records the CLI's verdict: from now on the process may exit, with this code. */
    static void verdict(int code) {
        verdict = code;
    }
}
