package dev.planning.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Test helper: temporary copies of the example workspaces. */
final class Workspaces {

    /** The examples module's directory of workspaces (tests run with the module as working directory). */
    static final Path EXAMPLES = Path.of("workspaces");

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
}
