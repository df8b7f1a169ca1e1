package dev.planning.engine.internal.git;

import dev.planning.engine.fixtures.GitFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository the tests of a read of git set up: the workspace {@code planning/} with its plan committed, and
 * {@code ci/} beside it (a trust file git ignores), as a project keeps its plans in a subdirectory.
 */
final class PlanRepository {

    /** The plan's path in the workspace. */
    static final String PLAN = "frameworks/planning-fe/tasks/plan.yaml";

    private PlanRepository() {
    }

    /**
     * A repository in {@code repo} with the workspace {@code planning/}, its plan committed, and {@code ci/trust.yaml}
     * beside it, ignored ({@code .gitignore}, committed).
     *
     * @param repo where the repository is made
     * @return {@code repo}
     */
    static Path committed(Path repo) throws IOException {
        Path plan = repo.resolve("planning").resolve(PLAN);
        Files.createDirectories(plan.getParent());
        Files.writeString(plan, "tasks: []\n", StandardCharsets.UTF_8);
        Files.createDirectories(repo.resolve("ci"));
        Files.writeString(repo.resolve("ci/trust.yaml"), "keys: []\n", StandardCharsets.UTF_8);
        Files.writeString(repo.resolve(".gitignore"), "/ci/\n", StandardCharsets.UTF_8);
        GitFixture.commitAll(repo, "plan");
        return repo;
    }
}
