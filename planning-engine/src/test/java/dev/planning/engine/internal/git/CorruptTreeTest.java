package dev.planning.engine.internal.git;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.PlanningException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.Test;

/**
 * probe27: a commit whose tree is not a tree git could have written (an entry cut short, a name with no end), which
 * anyone who pushes can put on a line (git does not check objects it receives unless {@code transfer.fsckObjects}
 * is set). JGit's tree parsers read past the end of such bytes and throw {@link IndexOutOfBoundsException}, which
 * ended {@code verify} as an internal error (exit 3) when the binding's walk met it. Each read of a tree refuses it
 * as a {@link PlanningException} naming the commit (exit 2), never an answer.
 */
class CorruptTreeTest extends ObjectRepositoryFixture {

    /** A commit whose {@code frameworks} directory is the tree of {@code raw} bytes, as no git writes one. */
    private ObjectId commitOver(byte[] raw) throws Exception {
        TreeFormatter root = new TreeFormatter();
        root.append("frameworks", FileMode.TREE, repository.insert(Constants.OBJ_TREE, raw));
        ObjectId id = repository.commit(repository.insert(root), 2025, "corrupt\n");
        repository.detachHead(id);
        return id;
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
