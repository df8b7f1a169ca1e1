package dev.planning.engine.internal.git;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;

/**
 * A git repository of a test's own, made with JGit in a directory, whose objects the test writes one by one: trees
 * no git would write, commits of any date and parents, {@code HEAD} detached at any of them. A test gets one,
 * opened before each test and closed after, by extending {@link ObjectRepositoryFixture}.
 */
final class ObjectRepository implements AutoCloseable {

    private final Git git;

    private ObjectRepository(Git git) {
        this.git = git;
    }

    /** A new repository in {@code dir}. */
    static ObjectRepository init(Path dir) throws GitAPIException {
        return new ObjectRepository(Git.init().setDirectory(dir.toFile()).call());
    }

    Git git() {
        return git;
    }

    Repository repository() {
        return git.getRepository();
    }

    /** Writes an object of {@code type} ({@link Constants#OBJ_BLOB}, ...) of {@code bytes} as they are. */
    ObjectId insert(int type, byte[] bytes) throws IOException {
        try (ObjectInserter inserter = repository().newObjectInserter()) {
            ObjectId id = inserter.insert(type, bytes);
            inserter.flush();
            return id;
        }
    }

    /** Writes {@code tree}. */
    ObjectId insert(TreeFormatter tree) throws IOException {
        try (ObjectInserter inserter = repository().newObjectInserter()) {
            ObjectId id = inserter.insert(tree);
            inserter.flush();
            return id;
        }
    }

    /** A commit of {@code tree} with {@code parents} and {@code message}, made on 1 January {@code year}. */
    ObjectId commit(ObjectId tree, int year, String message, ObjectId... parents) throws IOException {
        PersonIdent who = new PersonIdent("T", "t@example.org", Instant.parse(year + "-01-01T00:00:00Z"),
                ZoneOffset.UTC);
        CommitBuilder builder = new CommitBuilder();
        builder.setTreeId(tree);
        builder.setParentIds(parents);
        builder.setAuthor(who);
        builder.setCommitter(who);
        builder.setMessage(message);
        try (ObjectInserter inserter = repository().newObjectInserter()) {
            ObjectId id = inserter.insert(builder);
            inserter.flush();
            return id;
        }
    }

    /** {@code HEAD} detached at {@code commit}. */
    void detachHead(ObjectId commit) throws IOException {
        RefUpdate update = repository().updateRef(Constants.HEAD, true);
        update.setNewObjectId(commit);
        update.forceUpdate();
    }

    @Override
    public void close() {
        git.close();
    }
}
