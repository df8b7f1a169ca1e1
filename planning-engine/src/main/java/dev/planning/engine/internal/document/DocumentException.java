package dev.planning.engine.internal.document;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Severity;
import java.util.Objects;
import java.util.Optional;

/**
 * A planning file that could not be read as a document: unreadable, too large, not UTF-8, not
 * YAML, or without front matter. Carries a stable {@link #code()} so that linters can report it as
 * a finding instead of failing.
 */
public class DocumentException extends InvalidInputException {

    /** Malformed YAML: the parser could not make sense of the text. */
    public static final String YAML_SYNTAX = "yaml.syntax";
    /** A key written twice in the same mapping. */
    public static final String YAML_DUPLICATE_KEY = "yaml.duplicate-key";
    /** An alias ({@code *name}); refused because aliases can hide expansion bombs. */
    public static final String YAML_ALIAS = "yaml.alias";
    /** Nesting deeper than {@link YamlDocuments#MAX_DEPTH}. */
    public static final String YAML_TOO_DEEP = "yaml.too-deep";
    /** A file that does not exist or cannot be read. */
    public static final String FILE_UNREADABLE = "file.unreadable";
    /** A file larger than {@link YamlDocuments#MAX_BYTES}. */
    public static final String FILE_TOO_LARGE = "file.too-large";
    /** Bytes that are not UTF-8. */
    public static final String FILE_ENCODING = "file.encoding";
    /** A Markdown file whose YAML front matter is missing or not closed. */
    public static final String FRONT_MATTER = "markdown.front-matter";

    private static final long serialVersionUID = 1L;

    private final String code;

    /**
     * @param code     one of the constants of this class
     * @param message  what is wrong and what was expected
     * @param location where, never {@code null}
     */
    public DocumentException(String code, String message, SourceLocation location) {
        super(message, Objects.requireNonNull(location, "location"));
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The stable code of this kind of problem, e.g. {@code yaml.syntax}. */
    public String code() {
        return code;
    }

    /** This problem as an error finding at its location. */
    public Finding toFinding() {
        return new Finding(code, Severity.ERROR, getMessage(), location(), Optional.empty());
    }
}
