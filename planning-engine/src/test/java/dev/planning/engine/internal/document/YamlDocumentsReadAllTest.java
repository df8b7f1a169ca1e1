package dev.planning.engine.internal.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.DocumentException;
import dev.planning.api.SourceLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlDocumentsReadAllTest {

    @TempDir
    Path dir;

    private List<LocatedDocument> readAll(String yaml) throws IOException {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, yaml);
        return YamlDocuments.readAll(file, "t.yaml");
    }

    @Test
    void readsEveryDocumentWithLocationsInTheWholeFile() throws IOException {
        List<LocatedDocument> documents = readAll("""
                # a comment
                name: one
                ---
                name: two
                extra: [a, b]
                """);

        assertThat(documents).hasSize(2);
        assertThat(documents.get(1).root().path("name").asText()).isEqualTo("two");
        assertThat(documents.get(1).locate("/extra/1")).isEqualTo(new SourceLocation("t.yaml", 5, 12));
    }

    @Test
    void aSingleDocumentIsAListOfOne() throws IOException {
        assertThat(readAll("a: 1\n")).hasSize(1);
    }

    @Test
    void refusesEmptyFilesEmptyDocumentsAliasesAndSyntaxErrors() {
        assertThatThrownBy(() -> readAll("")).isInstanceOf(DocumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> readAll("a: 1\n---\n---\nb: 2\n")).isInstanceOf(DocumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> readAll("a: &x 1\n---\nb: *x\n")).isInstanceOf(DocumentException.class)
                .hasMessageContaining("alias");
        assertThatThrownBy(() -> readAll("a: 1\n---\nb: [1\n")).isInstanceOf(DocumentException.class)
                .satisfies(e -> assertThat(((DocumentException) e).code()).isEqualTo(DocumentException.YAML_SYNTAX));
        assertThatThrownBy(() -> readAll("a: 1\na: 2\n")).isInstanceOf(DocumentException.class)
                .satisfies(e -> assertThat(((DocumentException) e).code()).isEqualTo(DocumentException.YAML_DUPLICATE_KEY));
    }
}
