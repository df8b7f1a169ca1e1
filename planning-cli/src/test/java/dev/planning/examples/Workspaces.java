package dev.planning.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import dev.planning.cli.PlanningCommand;

/**
 * Test helpers of the example tests that run the CLI (they live in planning-cli, since the examples
 * module is below the CLI): temporary copies of the example workspaces, and the CLI run in-process.
 */
final class Workspaces {

    /** The examples module's directory of workspaces (tests run with planning-cli as working directory). */
    static final Path EXAMPLES = Path.of("..", "planning-examples", "workspaces");

    private Workspaces() {
    }

    /** A copy of an example workspace under {@code target}, so tests never touch the originals. */
    static Path copy(String name, Path target) {
        Path source = EXAMPLES.resolve(name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** The outcome of one CLI run. */
    record Run(int exitCode, String out, String err) {
    }

    /** Runs {@code planning args...} in this JVM. */
    static Run planning(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PlanningCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }
}
