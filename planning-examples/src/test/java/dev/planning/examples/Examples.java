package dev.planning.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The example workspaces of this module, and fresh copies of them to advance in. */
final class Examples {

    private Examples() {
    }

    /** An example workspace in the source tree: read it, never advance it. */
    static Path workspace(String name) {
        Path dir = Path.of("workspaces", name).toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("example workspace not found: " + dir);
        }
        return dir;
    }

    /** A copy of an example workspace under {@code target}, for tests that record events. */
    static Path copy(String name, Path target) {
        Path source = workspace(name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path from : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(source.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
