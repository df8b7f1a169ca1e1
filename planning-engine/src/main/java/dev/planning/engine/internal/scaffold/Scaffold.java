package dev.planning.engine.internal.scaffold;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.workspace.AtomicFiles;
import dev.planning.engine.internal.workspace.SafePaths;
import dev.planning.engine.internal.workspace.Shown;
import dev.planning.engine.internal.workspace.WriteFailures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Scaffolds a workspace: the default rulebook where none exists, {@link GitFiles}, and a
 * {@link StarterCycle}. Never replaces an existing file.
 *
 * <p>The default rulebook ships with {@code planning-rules} as class-path resources under
 * {@value #DEFAULT_RULEBOOK}, listed by {@code default-rulebook.index} beside it; without {@code planning-rules} on the
 * class path, a workspace without a rulebook cannot be scaffolded (a clear error, nothing written).
 */
public final class Scaffold {

    /** Where {@code planning-rules} ships the default rulebook on the class path. */
    public static final String DEFAULT_RULEBOOK = "dev/planning/rules/default-rulebook/";

    private Scaffold() {
    }

    /** What {@link #write} wrote. */
    public record Written(Optional<Path> createdRulebook, List<String> files) {
    }

    /**
     * Writes what is missing of the scaffold of {@code cycle} in {@code root}.
     *
     * @param rulebook the rulebook directory; the default one is copied there when it does not exist
     */
    public static Written write(Path root, Path rulebook, CycleRef cycle, WorkspaceLayout layout, Clock clock,
            ClassLoader loader) {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            // What stands in the way, or the file system's reason in words, and where it failed when not at the
            // workspace itself: the exception's message repeated the path and said "Not a directory" of it (msg43).
            Path failed = WriteFailures.failedPath(e, root);
            throw new InvalidInputException("cannot create workspace " + SafePaths.shown(root) + ": "
                    + (failed.equals(root) ? "" : "cannot create " + Shown.path(failed) + ": ")
                    + WriteFailures.why(failed, failed.toString(), e)
                    + "; expected a directory there, or a place to create one", null, e);
        }
        Optional<Path> created = Optional.empty();
        if (!Files.exists(rulebook, LinkOption.NOFOLLOW_LINKS)) {
            copyDefaultRulebook(rulebook, loader);
            created = Optional.of(rulebook);
        }
        List<String> written = new ArrayList<>(GitFiles.write(root));
        written.addAll(StarterCycle.write(root, cycle, layout, clock));
        return new Written(created, written);
    }

    private static void copyDefaultRulebook(Path directory, ClassLoader loader) {
        String index = new String(resource(loader, "dev/planning/rules/default-rulebook.index"), StandardCharsets.UTF_8);
        List<String> files = index.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        List<byte[]> contents = new ArrayList<>();
        for (String file : files) {
            contents.add(resource(loader, DEFAULT_RULEBOOK + file));
        }
        for (int i = 0; i < files.size(); i++) {
            AtomicFiles.writeNew(directory.resolve(files.get(i)), contents.get(i));
        }
    }

    private static byte[] resource(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new PlanningException("the default rulebook (" + name + ") is not on the class path: add"
                        + " planning-rules, or give the workspace a rulebook of its own");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new PlanningException("cannot read the default rulebook resource " + name + ": " + Shown.reason(e),
                    null, e);
        }
    }
}
