package dev.planning.engine.internal.scaffold;

import static org.assertj.core.api.Assertions.assertThat;

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
