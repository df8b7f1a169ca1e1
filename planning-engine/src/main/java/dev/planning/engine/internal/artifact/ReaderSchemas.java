package dev.planning.engine.internal.artifact;

import dev.planning.api.DocumentException;
import dev.planning.api.gate.Finding;
import dev.planning.engine.internal.document.LocatedDocument;
import dev.planning.engine.internal.document.YamlDocuments;
import dev.planning.engine.internal.schema.ArtifactSchema;
import dev.planning.engine.internal.schema.SchemaCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The schemas an artifact reader validates with, and the steps every reader takes the same way: the
 * catalogue it was given, or the shipped one ({@link SchemaCatalog#standard}) loaded when a file is first
 * read (a workspace opened for a command that reads no such artifact loads none); a file read into a
 * document, an unreadable or malformed one a failed result with its one finding; a document validated
 * before its model is built. Thread-safe.
 */
final class ReaderSchemas {

    /** The catalogue given; {@code null} for the shipped one, loaded when first needed. */
    private final SchemaCatalog given;

    private ReaderSchemas(SchemaCatalog given) {
        this.given = given;
    }

    /** The shipped schemas, loaded when first needed. */
    static ReaderSchemas shipped() {
        return new ReaderSchemas(null);
    }

    /** The schemas of {@code catalog}, never {@code null}. */
    static ReaderSchemas of(SchemaCatalog catalog) {
        return new ReaderSchemas(Objects.requireNonNull(catalog, "catalog"));
    }

    /** The catalogue to validate with. */
    SchemaCatalog catalog() {
        return given != null ? given : SchemaCatalog.standard();
    }

    /** Whether these are the shipped schemas (given or not). */
    boolean standard() {
        return given == null || given == SchemaCatalog.standard();
    }

    /**
     * {@code document} validated against {@code schema}: when valid, the model {@code build} makes of it;
     * otherwise a failed result with every finding, and nothing built.
     */
    <T> ReadResult<T> validated(LocatedDocument document, ArtifactSchema schema, Function<LocatedDocument, T> build) {
        List<Finding> findings = catalog().validate(document, schema);
        if (!findings.isEmpty()) {
            return ReadResult.failed(findings);
        }
        return ReadResult.of(build.apply(document), List.of());
    }

    /**
     * The file parsed by {@code parse} (such as {@link YamlDocuments#read}) and read by {@code read}; a
     * file that cannot be read or parsed, or whose reading refuses it as a document, gives a failed result
     * with that one finding.
     */
    static <D, T> ReadResult<T> readFile(Path file, String displayPath, BiFunction<Path, String, D> parse,
            Function<D, ReadResult<T>> read) {
        try {
            return read.apply(parse.apply(file, displayPath));
        } catch (DocumentException e) {
            return ReadResult.failed(YamlDocuments.findings(e));
        }
    }
}
