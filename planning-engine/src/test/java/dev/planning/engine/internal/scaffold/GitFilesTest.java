package dev.planning.engine.internal.scaffold;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.engine.fixtures.GitFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitFilesTest {

    @TempDir
    Path ws;

    @Test
    void writesIgnoreAndAttributesThatKeepLocksKeysAndLineEndingsRight() throws Exception {
        assertThat(GitFiles.write(ws)).containsExactly(".gitignore", ".gitattributes");

        assertThat(Files.readString(ws.resolve(".gitignore"))).contains("\n*.lock\n").contains("\n*.key.pem\n");
        assertThat(Files.readString(ws.resolve(".gitattributes"))).contains("\n* -text\n")
                .contains("\n*.jsonl -text -merge\n");
    }

    /**
     * A write killed midway leaves {@code .<file>~<digits>.tmp} (before exit25, {@code .<file><digits>.tmp}) beside
     * its file (reliab20): git ignores it, so it is never committed, while a file of the user's that merely ends in
     * {@code .tmp} is still seen.
     */
    @Test
    void gitIgnoresTheTemporaryFileOfAKilledWriteButNotAUsersFile() throws Exception {
        GitFiles.write(ws);
        Path events = Files.createDirectories(ws.resolve("frameworks/planning-fe/events"));
        Files.writeString(events.resolve(".2025-09-02.events.jsonl4444176973229249834.tmp"), "{\"partial\"");
        // claims35: the form the writer gives a temporary now (AtomicFiles: .<name>~<digits>.tmp), as README says.
        Files.writeString(events.resolve(".2025-09-02.events.jsonl~5555176973229249834.tmp"), "{\"partial\"");
        Files.writeString(events.resolve(".notes.tmp"), "mine");
        Files.writeString(events.resolve("draft.tmp"), "mine");
        GitFixture.cli(ws, "init", "-q", "-b", "main");

        String status = GitFixture.cli(ws, "status", "--porcelain", "--untracked-files=all");

        assertThat(status).doesNotContain("jsonl4444176973229249834").doesNotContain("jsonl~5555176973229249834")
                .contains("frameworks/planning-fe/events/.notes.tmp", "frameworks/planning-fe/events/draft.tmp");
    }

    @Test
    void neverReplacesAnExistingFile() throws Exception {
        Files.writeString(ws.resolve(".gitignore"), "mine\n");

        assertThat(GitFiles.write(ws)).containsExactly(".gitattributes");
        assertThat(Files.readString(ws.resolve(".gitignore"))).isEqualTo("mine\n");
    }

    @Test
    void everyExampleWorkspaceCarriesTheSameFiles() throws Exception {
        Path examples = Path.of("..", "planning-examples", "workspaces");
        try (var list = Files.list(examples)) {
            for (Path example : list.filter(Files::isDirectory).toList()) {
                assertThat(Files.readString(example.resolve(".gitignore"), StandardCharsets.UTF_8))
                        .as(example.toString()).isEqualTo(GitFiles.IGNORE_TEXT);
                assertThat(Files.readString(example.resolve(".gitattributes"), StandardCharsets.UTF_8))
                        .as(example.toString()).isEqualTo(GitFiles.ATTRIBUTES_TEXT);
            }
        }
    }
}
