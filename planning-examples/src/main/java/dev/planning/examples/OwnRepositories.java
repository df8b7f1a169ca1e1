package dev.planning.examples;

import java.io.IOException;
import java.nio.file.Path;
import org.apiguardian.api.API;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The git repositories the tool makes for itself ({@code planning demo}'s workspace, the start-up
 * training's): each is its own, whatever the environment and the user's git configuration say.
 *
 * <p>Not {@code Git.init()}, which reads {@code GIT_DIR}, {@code GIT_INDEX_FILE},
 * {@code GIT_OBJECT_DIRECTORY} and {@code GIT_WORK_TREE} from the environment: run inside a git hook
 * or a CI step that exports them, it committed the tool's files onto the user's own branch and
 * replaced their index (the fifth review of docs/SECURITY.md). A repository made here has its own
 * hooks directory (empty) and no attributes file, so that neither the hooks of the user's
 * {@code core.hooksPath} nor the filters of their {@code core.attributesFile} run on a commit they
 * never made.
 */
@API(status = API.Status.INTERNAL)
public final class OwnRepositories {

    private OwnRepositories() {
    }

    /**
     * Creates a new repository for {@code workTree} alone, in {@code workTree/.git}, its HEAD on
     * {@code main} (no commit yet).
     *
     * @param workTree the directory whose files the repository holds; never {@code null}
     * @return the new repository, open; the caller closes it
     * @throws IOException if it cannot be written
     * @throws IllegalStateException if {@code workTree/.git} already exists: it is never taken over
     */
    public static Repository create(Path workTree) throws IOException {
        Path gitDir = workTree.resolve(".git").toAbsolutePath();
        Repository repository = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setWorkTree(workTree.toFile())
                .build();
        repository.create();
        StoredConfig config = repository.getConfig();
        config.setString("core", null, "hooksPath", gitDir.resolve("hooks").toString());
        config.setString("core", null, "attributesFile", gitDir.resolve("info").resolve("no-attributes").toString());
        config.save();
        RefUpdate head = repository.updateRef(Constants.HEAD);
        head.disableRefLog();
        head.link("refs/heads/main");
        return repository;
    }
}
