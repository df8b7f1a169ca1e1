package dev.planning.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The example workspaces, and fresh copies of them for tests that write. */
final class ExampleWorkspaces {

    private ExampleWorkspaces() {
    }

    static Path path(String name) {
        return Path.of("workspaces", name).toAbsolutePath().normalize();
    }

    static Path copy(String name, Path target) {
        Path source = path(name);
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path dest = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
