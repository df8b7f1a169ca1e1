package dev.planning.engine.internal.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.DocumentException;
import dev.planning.api.gate.Finding;
import dev.planning.engine.internal.document.LocatedDocument;
import dev.planning.engine.internal.document.YamlDocuments;
import dev.planning.engine.internal.schema.ArtifactSchema;
import dev.planning.engine.internal.schema.SchemaCatalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fold25: the steps the artifact readers (capacity, contracts, decision log, story map, task breakdown,
 * manifest) once each wrote out, now shared: which catalogue validates, nothing built from an invalid
 * document, and a file that cannot be parsed a failed result with its one finding.
 */
class ReaderSchemasTest {

    private static final String CONTRACTS = """
            version: "1.0.0"
            cycle_id: "2025-09-01"
            stream: fe
            contracts:
              - {provider: be, id: PLN-BE-9, status: agreed, owner: bob}
            """;

    @TempDir
    Path dir;

    private final AtomicInteger built = new AtomicInteger();

    @Test
    void aValidDocumentIsBuiltOnce() {
        ReadResult<String> read = ReaderSchemas.shipped().validated(document(CONTRACTS), ArtifactSchema.CONTRACTS,
                this::build);

        assertThat(read.model()).contains("built");
        assertThat(read.findings()).isEmpty();
        assertThat(built).hasValue(1);
    }

    @Test
    void anInvalidDocumentGivesEveryFindingAndBuildsNothing() {
        ReadResult<String> read = ReaderSchemas.of(SchemaCatalog.standard()).validated(
                document(CONTRACTS.replace("status: agreed", "status: maybe").replace("stream: fe", "stream: FE")),
                ArtifactSchema.CONTRACTS, this::build);

        assertThat(read.model()).isEmpty();
        assertThat(read.findings()).extracting(Finding::code).containsExactlyInAnyOrder(SchemaCatalog.PATTERN,
                SchemaCatalog.ENUM);
        assertThat(built).hasValue(0);
    }

    @Test
    void aGivenCatalogueMustBeThere() {
        assertThatThrownBy(() -> ReaderSchemas.of(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("catalog");
    }

    @Test
    void theShippedSchemasAreTheStandardOnesGivenOrNot() {
        assertThat(ReaderSchemas.shipped().standard()).isTrue();
        assertThat(ReaderSchemas.of(SchemaCatalog.standard()).standard()).isTrue();
        assertThat(ReaderSchemas.shipped().catalog()).isSameAs(SchemaCatalog.standard());
    }

    @Test
    void aFileReadIsWhatItsReaderReturns() throws Exception {
        Path file = write("c.yaml", CONTRACTS);

        ReadResult<String> read = ReaderSchemas.readFile(file, "plans/c.yaml", YamlDocuments::read,
                document -> ReaderSchemas.shipped().validated(document, ArtifactSchema.CONTRACTS, this::build));

        assertThat(read.model()).contains("built");
    }

    @Test
    void aMalformedFileIsAFailedResultWithItsOneFindingNamingTheFile() throws Exception {
        Path file = write("c.yaml", "version: [\n");

        ReadResult<String> read = ReaderSchemas.readFile(file, "plans/c.yaml", YamlDocuments::read,
                document -> ReaderSchemas.shipped().validated(document, ArtifactSchema.CONTRACTS, this::build));

        assertThat(read.model()).isEmpty();
        assertThat(read.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo(DocumentException.YAML_SYNTAX);
            assertThat(finding.location()).hasValueSatisfying(at -> assertThat(at.file()).isEqualTo("plans/c.yaml"));
        });
        assertThat(built).hasValue(0);
    }

    @Test
    void aMissingFileIsAFailedResultNotAThrow() {
        ReadResult<String> read = ReaderSchemas.readFile(dir.resolve("absent.yaml"), "plans/absent.yaml",
                YamlDocuments::read, document -> ReadResult.of("read", List.of()));

        assertThat(read.model()).isEmpty();
        assertThat(read.findings()).singleElement()
                .satisfies(finding -> assertThat(finding.location()).hasValueSatisfying(
                        at -> assertThat(at.file()).isEqualTo("plans/absent.yaml")));
    }

    private String build(LocatedDocument document) {
        built.incrementAndGet();
        return "built";
    }

    private static LocatedDocument document(String yaml) {
        return YamlDocuments.parse(yaml.getBytes(StandardCharsets.UTF_8), "plans/c.yaml");
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }
}
