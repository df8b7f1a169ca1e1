package dev.planning.testkit.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceCopiesTest {

    @TempDir
    Path dir;

    private Path source() throws IOException {
        Path source = dir.resolve("source");
        Files.createDirectories(source.resolve("frameworks/planning-fe/plans"));
        Files.createDirectories(source.resolve("empty"));
        Files.writeString(source.resolve("rulebook.yaml"), "profiles: {}\n", StandardCharsets.UTF_8);
        Files.writeString(source.resolve("frameworks/planning-fe/plans/tasks.yaml"), "tasks: [ü]\n",
                StandardCharsets.UTF_8);
        return source;
    }

    @Test
    void copiesEveryFileAndDirectoryAtItsRelativePathAndLeavesTheSourceAsItWas() throws IOException {
        Path source = source();

        Path copy = WorkspaceCopies.copy(source, dir.resolve("a/b/copy"));

        assertThat(copy).isEqualTo(dir.resolve("a/b/copy"));
        assertThat(copy.resolve("frameworks/planning-fe/plans/tasks.yaml")).usingCharset(StandardCharsets.UTF_8).hasContent("tasks: [ü]\n");
        assertThat(copy.resolve("rulebook.yaml")).usingCharset(StandardCharsets.UTF_8).hasContent("profiles: {}\n");
        assertThat(copy.resolve("empty")).isEmptyDirectory();
        Files.writeString(copy.resolve("rulebook.yaml"), "changed\n", StandardCharsets.UTF_8);
        assertThat(source.resolve("rulebook.yaml")).usingCharset(StandardCharsets.UTF_8).hasContent("profiles: {}\n");
    }

    @Test
    void replacesAFileThatIsAlreadyAtTheTarget() throws IOException {
        Path source = source();
        Path target = Files.createDirectories(dir.resolve("target"));
        Files.writeString(target.resolve("rulebook.yaml"), "old\n", StandardCharsets.UTF_8);

        WorkspaceCopies.copy(source, target);

        assertThat(target.resolve("rulebook.yaml")).usingCharset(StandardCharsets.UTF_8).hasContent("profiles: {}\n");
    }

    @Test
    void copiesASymbolicLinkAsALinkAndNeverWhatItPointsAt() throws IOException {
        Path source = source();
        Path secret = Files.writeString(dir.resolve("secret.txt"), "outside\n", StandardCharsets.UTF_8);
        Files.createSymbolicLink(source.resolve("link.yaml"), secret);
        Files.createSymbolicLink(source.resolve("linked-dir"), dir);

        Path copy = WorkspaceCopies.copy(source, dir.resolve("copy"));

        assertThat(Files.isSymbolicLink(copy.resolve("link.yaml"))).isTrue();
        assertThat(Files.readSymbolicLink(copy.resolve("link.yaml"))).isEqualTo(secret);
        assertThat(Files.isSymbolicLink(copy.resolve("linked-dir"))).isTrue();
    }

    @Test
    void aMissingSourceIsAnErrorNamingIt() {
        Path missing = dir.resolve("missing");

        assertThatThrownBy(() -> WorkspaceCopies.copy(missing, dir.resolve("copy")))
                .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(missing.toString());
        assertThat(dir.resolve("copy")).doesNotExist();
    }
}
