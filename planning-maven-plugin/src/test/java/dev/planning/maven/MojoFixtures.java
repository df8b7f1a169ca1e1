package dev.planning.maven;

import dev.planning.testkit.workspace.WorkspaceCopies;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.SystemStreamLog;

/** Example workspaces copied into a test's temporary directory, and goals configured on them. */
final class MojoFixtures {

    static final Path EXAMPLES = Path.of("..", "planning-examples", "workspaces").toAbsolutePath().normalize();

    private MojoFixtures() {
    }

    /** A copy of the named example workspace under {@code dir}. */
    static Path copyOf(String example, Path dir) {
        return WorkspaceCopies.copy(EXAMPLES.resolve(example), dir.resolve(example));
    }

    /** The goal with its workspace, project directory and report directory set, as Maven would. */
    static <T extends PlanningMojo> T configure(T mojo, Path workspace, Path reports) {
        mojo.workspace = workspace.toFile();
        mojo.baseDirectory = workspace.toFile();
        mojo.outputDirectory = reports.toFile();
        return mojo;
    }

    /** The lines the goal logs at the info level from now on, kept (the others printed as Maven's default log does). */
    static List<String> infoLines(PlanningMojo mojo) {
        List<String> lines = new ArrayList<>();
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                lines.add(content.toString());
            }
        });
        return lines;
    }
}
