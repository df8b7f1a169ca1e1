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

    /** The lines the goal logs at the info level from now on, kept. */
    static List<String> infoLines(PlanningMojo mojo) {
        return logged(mojo).infos();
    }

    /**
     * What a goal logs at the error, warning and info levels from now on, kept: each level's lines, and all of them in
     * the order logged. Debug lines are printed as Maven's default log does.
     */
    record Logged(List<String> errors, List<String> warnings, List<String> infos, List<String> all) {
    }

    /** Keeps what the goal logs from now on ({@link Logged}). */
    static Logged logged(PlanningMojo mojo) {
        Logged logged = new Logged(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void error(CharSequence content) {
                keep(logged.errors(), content);
            }

            @Override
            public void warn(CharSequence content) {
                keep(logged.warnings(), content);
            }

            @Override
            public void info(CharSequence content) {
                keep(logged.infos(), content);
            }

            private void keep(List<String> level, CharSequence content) {
                level.add(content.toString());
                logged.all().add(content.toString());
            }
        });
        return logged;
    }
}
