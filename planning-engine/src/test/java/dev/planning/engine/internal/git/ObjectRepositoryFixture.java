package dev.planning.engine.internal.git;

import java.nio.file.Path;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up of a test that writes git objects one by one: an {@link ObjectRepository} of its own in a temporary
 * directory ({@link #dir}), made before each test and closed after it.
 */
abstract class ObjectRepositoryFixture {

    /** The repository's directory (its work tree), removed after each test. */
    @TempDir
    Path dir;

    /** The test's repository in {@link #dir}, made before each test. */
    ObjectRepository repository;

    @BeforeEach
    void openRepository() throws Exception {
        repository = ObjectRepository.init(dir);
    }

    @AfterEach
    void closeRepository() {
        repository.close();
    }

    /** {@code HEAD} detached at {@code commit}, then the repository opened as a seal opens it. */
    GitRepository atHead(ObjectId commit) throws Exception {
        repository.detachHead(commit);
        return GitRepository.find(dir).orElseThrow();
    }
}
