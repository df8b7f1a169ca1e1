package dev.planning.engine.internal.git;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.PlanningException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * probe27: a commit whose tree is not a tree git could have written (an entry cut short, a name with no end), which
 * anyone who pushes can put on a line (git does not check objects it receives unless {@code transfer.fsckObjects}
 * is set). JGit's tree parsers read past the end of such bytes and throw {@link IndexOutOfBoundsException}, which
 * ended {@code verify} as an internal error (exit 3) when the binding's walk met it. Each read of a tree refuses it
 * as a {@link PlanningException} naming the commit (exit 2), never an answer.
 */
class CorruptTreeTest {

    @TempDir
    Path dir;

    private Git git;
    private Repository repository;

    @BeforeEach
    void init() throws Exception {
        git = Git.init().setDirectory(dir.toFile()).call();
        repository = git.getRepository();
    }

    @AfterEach
    void close() {
        git.close();
    }

    /** A commit whose {@code frameworks} directory is the tree of {@code raw} bytes, as no git writes one. */
    private ObjectId commitOver(byte[] raw) throws Exception {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            ObjectId bad = inserter.insert(Constants.OBJ_TREE, raw);
            TreeFormatter root = new TreeFormatter();
            root.append("frameworks", FileMode.TREE, bad);
            CommitBuilder builder = new CommitBuilder();
            builder.setTreeId(inserter.insert(root));
            PersonIdent who = new PersonIdent("T", "t@example.org", Instant.parse("2025-01-01T00:00:00Z"),
                    ZoneOffset.UTC);
            builder.setAuthor(who);
            builder.setCommitter(who);
            builder.setMessage("corrupt\n");
            ObjectId id = inserter.insert(builder);
            inserter.flush();
            RefUpdate update = repository.updateRef(Constants.HEAD, true);
            update.setNewObjectId(id);
            update.forceUpdate();
            return id;
        }
    }

    private static void refused(ThrowingCallable read, ObjectId commit) {
        assertThatThrownBy(read).isInstanceOf(PlanningException.class)
                .hasMessageContaining("git tree")
                .hasMessageContaining("is corrupt")
                .hasMessageContaining(commit.name());
    }

    @Test
    void aTreeEntryCutShortIsRefusedByEveryReadNotAnInternalError() throws Exception {
        ObjectId commit = commitOver("100644 capacity.yaml\0abc".getBytes(StandardCharsets.ISO_8859_1));
        try (GitRepository git27 = GitRepository.find(dir).orElseThrow()) {
            String rev = commit.name();
            refused(() -> git27.objects(rev, List.of("frameworks/capacity.yaml")), commit);
            refused(() -> git27.entries(rev, "frameworks", path -> true, path -> true, 100), commit);
            refused(() -> git27.size(rev, "frameworks/capacity.yaml"), commit);
            refused(() -> git27.read(rev, "frameworks/capacity.yaml", 3), commit);
            refused(() -> git27.digest(rev, "frameworks/capacity.yaml"), commit);
            refused(() -> git27.files(rev, "frameworks", (d, f, b) -> { }), commit);
            refused(() -> git27.onFirstParentLine(c -> git27.objects(c, List.of("frameworks/x")).isEmpty(), "it"),
                    commit);
        }
    }

    @Test
    void aTreeEntryWhoseNameHasNoEndIsRefused() throws Exception {
        ObjectId commit = commitOver("100644 capacity.yaml".getBytes(StandardCharsets.ISO_8859_1));
        try (GitRepository git27 = GitRepository.find(dir).orElseThrow()) {
            refused(() -> git27.objects(commit.name(), List.of("frameworks/capacity.yaml")), commit);
            refused(() -> git27.entries(commit.name(), "frameworks", path -> true, path -> true, 100), commit);
        }
    }
}
