package dev.planning.rules.internal.defaults;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import dev.planning.engine.internal.workspace.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The default rulebook, shipped as class-path resources under
 * {@code dev/planning/rules/default-rulebook/} and listed by {@code default-rulebook.index} beside that directory.
 * <pre>{@code
 * List<Path> written = DefaultRulebook.copyTo(workspace.resolve("rulebook"));
 * }</pre>
 *
 * @since 0.1
 */
public final class DefaultRulebook {

    /** The resource directory holding the default rulebook. */
    public static final String RESOURCE_ROOT = "dev/planning/rules/default-rulebook/";

    /** The list of its files, beside the directory: a rulebook holds no file the tool does not read. */
    private static final String INDEX = "dev/planning/rules/default-rulebook.index";

    private DefaultRulebook() {
    }

    /** The rulebook's files, relative to its directory ({@code rulebook.yaml}, {@code rules/critical.drl}, ...). */
    public static List<String> files() {
        String index = new String(resource(INDEX), StandardCharsets.UTF_8);
        return index.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /** The content of one of its files. */
    public static byte[] read(String file) {
        if (!files().contains(file)) {
            throw new InvalidInputException("the default rulebook has no file '" + file + "'; it has " + files());
        }
        return resource(RESOURCE_ROOT + file);
    }

    /**
     * Copies the default rulebook into a directory, creating it as needed. Each file is written
     * atomically. Nothing is written when any of the files already exists.
     *
     * @return the files written, in index order
     * @throws InvalidInputException when a file would be overwritten, naming it
     */
    public static List<Path> copyTo(Path directory) {
        List<String> files = files();
        for (String file : files) {
            Path target = directory.resolve(file);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidInputException("refusing to overwrite an existing rulebook file; move it away"
                        + " or copy the default rulebook elsewhere", SourceLocation.ofFile(target.toString()));
            }
        }
        List<Path> written = new ArrayList<>();
        for (String file : files) {
            Path target = directory.resolve(file);
            AtomicFiles.writeNew(target, resource(RESOURCE_ROOT + file));
            written.add(target);
        }
        return List.copyOf(written);
    }

    private static byte[] resource(String name) {
        try (InputStream in = DefaultRulebook.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new PlanningException("the default rulebook resource " + name + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new PlanningException("cannot read the default rulebook resource " + name + ": " + e.getMessage(), null, e);
        }
    }
}
