package dev.planning.api;

import static org.apiguardian.api.API.Status.STABLE;

import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Severity;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A planning file that could not be read as a document: unreadable, too large, not UTF-8, not
 * YAML, or without front matter. Carries a stable {@link #code()} (one of the constants below) so
 * that linters can report it as a finding instead of failing, and an application can tell a file
 * that cannot be parsed from one whose content is wrong.
 *
 * <p>Thrown wherever the library reads a file, for example by {@code Planning.readManifest},
 * {@code Keys.readTrustFile}, {@code Planning.rulebook} and {@code PlanningWorkspace.importOutcomes};
 * catch {@link InvalidInputException} to handle every kind of bad input alike.
 * <pre>{@code
 * try {
 *     Planning.readManifest(file);
 * } catch (DocumentException e) {
 *     System.err.println(e.location().orElseThrow() + ": " + e.code() + ": " + e.getMessage());
 * }
 * }</pre>
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public class DocumentException extends InvalidInputException {

    /** Malformed YAML: the parser could not make sense of the text. */
    public static final String YAML_SYNTAX = "yaml.syntax";
    /** A key written twice in the same mapping. */
    public static final String YAML_DUPLICATE_KEY = "yaml.duplicate-key";
    /** An alias ({@code *name}); refused because aliases can hide expansion bombs. */
    public static final String YAML_ALIAS = "yaml.alias";
    /** Nesting deeper than 64 levels. */
    public static final String YAML_TOO_DEEP = "yaml.too-deep";
    /**
     * A text value or mapping key longer than the operator's bound ({@code planning.documents.maxValueLength},
     * default 10,000 characters).
     *
     * @since 0.1
     */
    public static final String YAML_VALUE_TOO_LONG = "yaml.value-too-long";
    /** A file that does not exist or cannot be read. */
    public static final String FILE_UNREADABLE = "file.unreadable";
    /** A file larger than 8 MiB. */
    public static final String FILE_TOO_LARGE = "file.too-large";
    /** Bytes that are not UTF-8. */
    public static final String FILE_ENCODING = "file.encoding";
    /** A Markdown file whose YAML front matter is missing or not closed. */
    public static final String FRONT_MATTER = "markdown.front-matter";

    private static final long serialVersionUID = 1L;

    private final String code;

    /**
     * A file that cannot be read as a document.
     *
     * @param code     one of the constants of this class
     * @param message  what is wrong and what was expected
     * @param location where, never {@code null}
     */
    public DocumentException(String code, String message, SourceLocation location) {
        super(message, Objects.requireNonNull(location, "location"));
        this.code = Objects.requireNonNull(code, "code");
    }

    /**
     * The stable code of this kind of problem, e.g. {@code yaml.syntax}.
     *
     * @return one of the constants of this class, never {@code null}
     */
    public String code() {
        return code;
    }

    /**
     * This problem as an error finding at its location.
     *
     * @return an error finding with this exception's code, message and location
     */
    public Finding toFinding() {
        return new Finding(code, Severity.ERROR, getMessage(), location(), Optional.empty());
    }
}
