package dev.planning.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Directories that cost much to make (a copy of an example committed to git, a cycle walked
 * through the lifecycle, keys generated) are made once per test JVM under a name and handed to
 * each test as its own recursive copy: a test mutates only its copy, never the prepared
 * directory, so tests stay independent. The prepared directories live in one temporary directory,
 * deleted when the JVM exits.
 */
public final class PreparedCopies {

    private static final ConcurrentMap<String, FutureTask<Path>> PREPARED = new ConcurrentHashMap<>();
    private static Path root;

    private PreparedCopies() {
    }

    /**
     * Copies the directory prepared under {@code name} to {@code target} (which must not exist yet,
     * or be empty), preparing it first if this JVM has not: {@code prepare} fills the directory it
     * is given, once.
     */
    public static Path copy(String name, Consumer<Path> prepare, Path target) {
        FutureTask<Path> task = new FutureTask<>(() -> {
            Path dir = Files.createDirectories(root().resolve(name));
            prepare.accept(dir);
            return dir;
        });
        FutureTask<Path> existing = PREPARED.putIfAbsent(name, task);
        if (existing == null) {
            task.run();
        } else {
            task = existing;
        }
        Path source;
        try {
            source = task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing " + name, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("preparing " + name + " failed", e.getCause());
        }
        copyTree(source, target);
        return target;
    }

    /** A recursive copy of {@code source} into {@code target}, file times kept. */
    public static void copyTree(Path source, Path target) {
        try {
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.copy(file, target.resolve(source.relativize(file).toString()),
                            StandardCopyOption.COPY_ATTRIBUTES);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized Path root() throws IOException {
        if (root == null) {
            Path dir = Files.createTempDirectory("planning-prepared-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir), "delete " + dir));
            root = dir;
        }
        return root;
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
