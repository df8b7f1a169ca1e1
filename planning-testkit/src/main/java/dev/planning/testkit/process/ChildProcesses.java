package dev.planning.testkit.process;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Child processes that use the test JVM's temporary directory ({@code java.io.tmpdir}) as theirs.
 * A JVM does not pass its temporary directory on: a child JVM started with a bare {@code java}
 * writes its temporary files to {@code /tmp}, where a build that checks that tests leave nothing
 * behind does not look. Start children through this class instead.
 *
 * <pre>{@code
 * List<String> command = ChildProcesses.java("-cp", System.getProperty("java.class.path"), Main.class.getName());
 * Process child = new ProcessBuilder(command).start();
 *
 * ProcessBuilder script = ChildProcesses.passTemporaryDirectory(new ProcessBuilder("bash", "run.sh"));
 * }</pre>
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ChildProcesses {

    private ChildProcesses() {
    }

    /**
     * The running JVM's {@code java} launcher, the option that gives the child this JVM's temporary
     * directory, then {@code arguments}.
     *
     * @param arguments the child's further options, class or jar and arguments, never {@code null}
     * @return a new list the caller may add to, never {@code null}
     */
    public static List<String> java(String... arguments) {
        List<String> command = new ArrayList<>(List.of(javaLauncher(), temporaryDirectoryOption()));
        command.addAll(List.of(arguments));
        return command;
    }

    /**
     * The {@code java} launcher of the running JVM ({@code java.home}/bin/java).
     *
     * @return its path, never {@code null}
     */
    public static String javaLauncher() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The JVM option {@code -Djava.io.tmpdir=DIR} with this JVM's temporary directory, for a
     * command line built another way (a shell script's {@code java}, the launcher's
     * {@code PLANNING_JAVA_OPTS}).
     *
     * @return the option, never {@code null}
     */
    public static String temporaryDirectoryOption() {
        return "-Djava.io.tmpdir=" + temporaryDirectory();
    }

    /**
     * This JVM's temporary directory ({@code java.io.tmpdir}), made absolute.
     *
     * @return the directory, never {@code null}
     */
    public static Path temporaryDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
    }

    /**
     * Gives a process that is not started through {@link #java} this JVM's temporary directory:
     * {@code TMPDIR} for the tools that read it ({@code mktemp}, PostgreSQL's), and
     * {@code PLANNING_JAVA_OPTS} for the JVM that {@code bin/planning} starts (after any options
     * the builder's environment already holds there, which the launcher then passes first).
     *
     * @param builder the process to be started, never {@code null}
     * @return {@code builder}
     */
    public static ProcessBuilder passTemporaryDirectory(ProcessBuilder builder) {
        Objects.requireNonNull(builder, "builder");
        builder.environment().put("TMPDIR", temporaryDirectory().toString());
        builder.environment().merge("PLANNING_JAVA_OPTS", temporaryDirectoryOption(),
                (given, option) -> given.isBlank() ? option : given + " " + option);
        return builder;
    }
}
