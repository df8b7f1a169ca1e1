package dev.planning.testkit.workspace;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * Copies of a workspace directory for a test to change freely: a gate, a policy or a command is
 * tried on a copy of an example workspace, never on the example itself.
 *
 * <pre>{@code
 * @Test
 * void refusesAnUnsignedManifest(@TempDir Path dir) {
 *     Path workspace = WorkspaceCopies.copy(Path.of("workspaces", "fe-2025-09-02"), dir.resolve("ws"));
 *     Files.delete(workspace.resolve("..."));
 *     ...
 * }
 * }</pre>
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class WorkspaceCopies {

    private WorkspaceCopies() {
    }

    /**
     * Copies the directory tree {@code source} to {@code target}: every directory and file below
     * it, at the same relative path, creating {@code target} and its parents as needed. A file that
     * already exists at the target is replaced. Symbolic links are copied as links, never followed,
     * so a hostile fixture's link to a file outside it stays a link in the copy.
     *
     * @param source the directory to copy, never {@code null}
     * @param target where the copy goes, never {@code null}
     * @return {@code target}
     * @throws UncheckedIOException when {@code source} cannot be read or {@code target} written
     */
    public static Path copy(Path source, Path target) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path from : (Iterable<Path>) walk::iterator) {
                Path to = target.resolve(source.relativize(from).toString());
                if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " to " + target + ": " + e.getMessage(), e);
        }
        return target;
    }
}
