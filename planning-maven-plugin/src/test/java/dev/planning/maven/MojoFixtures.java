package dev.planning.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Example workspaces copied into a test's temporary directory, and goals configured on them. */
final class MojoFixtures {

    static final Path EXAMPLES = Path.of("..", "planning-examples", "workspaces").toAbsolutePath().normalize();

    private MojoFixtures() {
    }

    /** A copy of the named example workspace under {@code dir}. */
    static Path copyOf(String example, Path dir) {
        return copy(EXAMPLES.resolve(example), dir.resolve(example));
    }

    /** A copy of the directory {@code source} at {@code target}. */
    static Path copy(Path source, Path target) {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** The goal with its workspace, project directory and report directory set, as Maven would. */
    static <T extends PlanningMojo> T configure(T mojo, Path workspace, Path reports) {
        mojo.workspace = workspace.toFile();
        mojo.baseDirectory = workspace.toFile();
        mojo.outputDirectory = reports.toFile();
        return mojo;
    }
}
