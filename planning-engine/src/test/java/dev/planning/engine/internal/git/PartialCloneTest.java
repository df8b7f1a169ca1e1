package dev.planning.engine.internal.git;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.PlanningException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * probe27: a partial clone ({@code git clone --filter=blob:none}) holds only the blobs its checkouts needed and
 * fetches others when git asks for them; JGit fetches nothing, so a sealed input's blob at an older commit is missing
 * there (seal26 refuses that, exit 2). The refusal said "Missing blob ..." alone; it now says the repository is a
 * partial clone and how to get the blob.
 */
class PartialCloneTest {

    @TempDir
    Path dir;

    @Test
    void aBlobMissingFromAPartialCloneIsRefusedSayingSoAndHowToFetchIt() throws Exception {
        String rev;
        ObjectId blob;
        try (Git git = Git.init().setDirectory(dir.toFile()).call()) {
            Files.writeString(dir.resolve("capacity.yaml"), "owners: {carol: 10}\n");
            git.add().addFilepattern(".").call();
            rev = git.commit().setMessage("one").setSign(false).call().getName();
            blob = git.getRepository().resolve(rev + ":capacity.yaml");
            StoredConfig config = git.getRepository().getConfig();
            config.setInt("core", null, "repositoryformatversion", 1);
            config.setString("extensions", null, "partialclone", "origin");
            config.setString("remote", "origin", "url", "https://example.org/plans.git");
            config.setBoolean("remote", "origin", "promisor", true);
            config.save();
        }
        String name = blob.name();
        Files.delete(dir.resolve(".git/objects/" + name.substring(0, 2) + "/" + name.substring(2)));
        try (GitRepository git27 = GitRepository.find(dir).orElseThrow()) {
            assertThatThrownBy(() -> git27.size(rev, "capacity.yaml")).isInstanceOf(PlanningException.class)
                    .hasMessageContaining("partial clone")
                    .hasMessageContaining("git cat-file -e " + name);
        }
    }
}
