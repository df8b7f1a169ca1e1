package dev.planning.cli.hostile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * One hostile input: how to spoil a copy of a workspace, which command to run on it, the exit codes
 * that are correct, a word the error must contain (usually the file's name), and the paths the
 * command may legitimately write (prefixes relative to the case directory).
 *
 * @param name     shown in the test report
 * @param base     the workspace template: {@code plain} (the frontend example) or {@code sealed}
 * @param spoil    changes the copy; receives the case directory (workspace in {@code ws/})
 * @param args     the CLI arguments, given the case directory
 * @param exits    the acceptable exit codes
 * @param mentions text the output must contain when the exit code is 2 ({@code |} between alternatives)
 * @param mayWrite path prefixes the command may create or change
 */
record HostileCase(String name, String base, Spoiler spoil, Function<Path, String[]> args, Set<Integer> exits,
        String mentions, List<String> mayWrite) {

    HostileCase {
        Objects.requireNonNull(name);
        exits = Set.copyOf(exits);
        mayWrite = List.copyOf(mayWrite);
    }

    /** Changes a copy of the workspace. */
    @FunctionalInterface
    interface Spoiler {
        void apply(Path dir) throws IOException;
    }

    @Override
    public String toString() {
        return name;
    }
}
