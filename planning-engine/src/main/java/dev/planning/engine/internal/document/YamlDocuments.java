package dev.planning.engine.internal.document;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.serialization.node.LocationJsonNodeFactory;
import dev.planning.api.DocumentException;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.engine.internal.json.JsonMappers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML planning files into {@link LocatedDocument}s, refusing hostile or malformed input
 * with a located {@link DocumentException}.
 *
 * <p>Accepted: UTF-8 with or without a byte-order mark, LF or CRLF line ends, one document per
 * file. Refused: invalid UTF-8, files over {@value #MAX_BYTES} bytes, nesting deeper than
 * {@value #MAX_DEPTH} levels, duplicate keys, aliases ({@code *name}), an empty file, a second
 * document, a text value or key longer than the operator's {@code planning.documents.maxValueLength}
 * (default 10,000 characters; every such value of the file, one line each). An empty value
 * ({@code owner:}) reads as {@code null}. Scalars read as YAML 1.2 writes them, not as YAML 1.1 would:
 * only {@code true} and {@code false} (any case) are booleans ({@code yes}, {@code on} are text), and only
 * decimal digits are numbers ({@code 010}, {@code 0x10}, {@code 1_000} are text), so that a schema
 * refuses them where it expects a boolean or a number rather than reading another value.
 *
 * <pre>{@code
 * LocatedDocument doc = YamlDocuments.read(workspace.resolve(path), path);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class YamlDocuments {

    /** The largest planning file accepted, in bytes (8 MiB). */
    public static final int MAX_BYTES = 8 * 1024 * 1024;

    /** The deepest nesting of mappings and sequences accepted. */
    public static final int MAX_DEPTH = 64;

    /**
     * The located YAML reader, made when a document is first parsed (reading a file's bytes alone, as a
     * reader with a kept parse does, needs no mapper). Its configuration lives in the one mapper
     * factory, {@link JsonMappers#locatedYaml}.
     */
    private static final class Parsing {
        static final ObjectMapper MAPPER = JsonMappers.locatedYaml(MAX_DEPTH, MAX_BYTES);

        static final YAMLFactory FACTORY = (YAMLFactory) MAPPER.getFactory();
    }

    private YamlDocuments() {
    }

    /**
     * The problems a refused document reports as findings ({@code lint}, the gates): one for each
     * value over the bound on text values or holding a lone surrogate, else the exception's one.
     *
     * @param e the refusal, from this class or {@link MarkdownDocuments}
     * @return at least one error finding
     */
    public static List<Finding> findings(DocumentException e) {
        List<Finding> listed = ValueProblems.findings(e);
        return listed != null ? listed : List.of(e.toFinding());
    }

    /**
     * Whether a parse kept across processes may stand for a parse now, and one made now be kept:
     * only under the default bound on text values ({@code planning.documents.maxValueLength}), so
     * that a document kept under a higher bound is never served under a lower one.
     *
     * @throws dev.planning.api.PlanningException when the operator's bound is not a whole number in range
     */
    public static boolean parsesMayBeKept() {
        return ValueLengths.current() == ValueLengths.DEFAULT_MAX_LENGTH;
    }

    /**
     * Reads and parses a YAML file.
     *
     * @param file        the file to read
     * @param displayPath how findings and errors name it (normally workspace-relative)
     * @throws DocumentException when the file cannot be read or is not acceptable YAML
     */
    public static LocatedDocument read(Path file, String displayPath) {
        return parse(StrictText.readBytes(file, displayPath, MAX_BYTES), displayPath);
    }

    /**
     * Reads a YAML file's bytes with the same checks as {@link #read} (readable, at most
     * {@value #MAX_BYTES} bytes), for callers that need the exact bytes as well as the document.
     *
     * @throws DocumentException when the file cannot be read or is too large
     */
    public static byte[] readBytes(Path file, String displayPath) {
        return StrictText.readBytes(file, displayPath, MAX_BYTES);
    }

    /**
     * Decodes bytes as strict UTF-8 as every planning file is read (a leading byte-order mark dropped):
     * for a reader of another format that must be UTF-8, so that a bad byte is refused at its line and
     * column with the planning files' message.
     *
     * @throws DocumentException locating the first byte that is not UTF-8
     */
    public static String decodeUtf8(byte[] content, String displayPath) {
        return StrictText.decode(content, displayPath);
    }

    /**
     * Parses YAML bytes.
     *
     * @throws DocumentException when the bytes are not acceptable YAML
     */
    public static LocatedDocument parse(byte[] content, String displayPath) {
        if (content.length > MAX_BYTES) {
            throw StrictText.tooLarge(content.length, MAX_BYTES, SourceLocation.ofFile(displayPath));
        }
        return parseText(StrictText.decode(content, displayPath), displayPath, 0);
    }

    /**
     * Parses YAML bytes as {@link #parse} does, but every number with a fraction or an exponent as the
     * exact decimal written ({@code 3.0000000000000001} is not the whole number 3 that a {@code double}
     * rounds it to), so that a schema decides on the value written: for settings whose numbers are bounds
     * (a rulebook's thresholds). Whole numbers read as {@link #parse} reads them.
     *
     * @throws DocumentException when the bytes are not acceptable YAML
     */
    public static LocatedDocument parseWithExactDecimals(byte[] content, String displayPath) {
        if (content.length > MAX_BYTES) {
            throw StrictText.tooLarge(content.length, MAX_BYTES, SourceLocation.ofFile(displayPath));
        }
        return parseText(StrictText.decode(content, displayPath), displayPath, 0, true);
    }

    /**
     * The same document read again with every number with a fraction or an exponent as the exact decimal
     * written (as {@link #parseWithExactDecimals} reads), located as the document is (front matter
     * included); the document itself when its text was not kept.
     *
     * @throws DocumentException when the text no longer parses (it parsed a moment ago)
     */
    public static LocatedDocument withExactDecimals(LocatedDocument document) {
        return document.text() == null ? document
                : parseText(document.text(), document.file(), document.lineOffset(), true);
    }

    /**
     * Reads a YAML file that may hold several documents separated by {@code ---} lines (rule test
     * files keep one case per document). Each document is refused or accepted as by
     * {@link #read(Path, String)}, except that further documents are allowed.
     *
     * @return the documents in file order; never empty
     * @throws DocumentException when the file cannot be read, is empty, or any document is not
     *         acceptable YAML (an empty document between two separators included)
     */
    public static List<LocatedDocument> readAll(Path file, String displayPath) {
        String text = StrictText.decode(StrictText.readBytes(file, displayPath, MAX_BYTES), displayPath);
        int maxLength = ValueLengths.current();
        List<ValueLengths.Over> over = new ArrayList<>();
        List<Finding> lone = new ArrayList<>();
        JsonParser parser = null;
        try {
            parser = new DecimalNumbersParser(new AliasRefusingParser(Parsing.FACTORY.createParser(text)));
            List<LocatedDocument> documents = new ArrayList<>();
            while (parser.nextToken() != null) {
                int line = parser.currentTokenLocation().getLineNr();
                JsonNode root = Parsing.MAPPER.reader(new LocationJsonNodeFactory(parser)).readTree(parser);
                if (root == null || root.isMissingNode() || root.isNull()) {
                    throw new DocumentException(DocumentException.YAML_SYNTAX,
                            "the document is empty; expected a YAML mapping (key: value lines)",
                            new SourceLocation(displayPath, Math.max(line, 1), 1));
                }
                LocatedDocument document = new LocatedDocument(displayPath, root, 0);
                ValueLengths.collect(document, maxLength, over);
                LoneSurrogates.collect(document, lone);
                documents.add(document);
            }
            if (documents.isEmpty()) {
                throw new DocumentException(DocumentException.YAML_SYNTAX,
                        "the document is empty; expected a YAML mapping (key: value lines)",
                        new SourceLocation(displayPath, 1, 1));
            }
            ValueProblems.require(List.of(ValueLengths.kind(over, maxLength), LoneSurrogates.kind(lone)));
            return List.copyOf(documents);
        } catch (IOException | RuntimeException e) {
            if (e instanceof DocumentException known) {
                throw known;
            }
            throw YamlErrors.translate(e, parser, displayPath, 0, text);
        } finally {
            closeQuietly(parser);
        }
    }

    /**
     * Parses decoded YAML text whose first line is line {@code lineOffset + 1} of the file (front
     * matter starts below the opening {@code ---}).
     */
    static LocatedDocument parseText(String text, String displayPath, int lineOffset) {
        return parseText(text, displayPath, lineOffset, false);
    }

    private static LocatedDocument parseText(String text, String displayPath, int lineOffset, boolean exactDecimals) {
        int maxLength = ValueLengths.current();
        JsonParser parser = null;
        try {
            parser = new DecimalNumbersParser(new AliasRefusingParser(Parsing.FACTORY.createParser(text)));
            ObjectReader reader = Parsing.MAPPER.reader(new LocationJsonNodeFactory(parser));
            JsonNode root = (exactDecimals ? reader.with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS) : reader)
                    .readTree(parser);
            if (root == null || root.isMissingNode()) {
                throw new DocumentException(DocumentException.YAML_SYNTAX,
                        "the document is empty; expected a YAML mapping (key: value lines)",
                        new SourceLocation(displayPath, lineOffset + 1, 1));
            }
            if (parser.nextToken() != null) {
                throw YamlErrors.secondDocument(parser, displayPath, lineOffset);
            }
            LocatedDocument document = new LocatedDocument(displayPath, root, lineOffset, text);
            List<ValueLengths.Over> over = new ArrayList<>();
            ValueLengths.collect(document, maxLength, over);
            List<Finding> lone = new ArrayList<>();
            LoneSurrogates.collect(document, lone);
            ValueProblems.require(List.of(ValueLengths.kind(over, maxLength), LoneSurrogates.kind(lone)));
            return document;
        } catch (IOException | RuntimeException e) {
            if (e instanceof DocumentException known) {
                throw known;
            }
            throw YamlErrors.translate(e, parser, displayPath, lineOffset, text);
        } finally {
            closeQuietly(parser);
        }
    }

    /**
     * The position of every mapping key of a document already parsed once (so known to be valid),
     * by the JSON pointer of its entry; empty when the text unexpectedly fails to parse again.
     */
    static Map<String, SourceLocation> keyLocations(String text, String displayPath, int lineOffset) {
        Map<String, SourceLocation> keys = new HashMap<>();
        try (JsonParser parser = Parsing.FACTORY.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME) {
                    var at = parser.currentTokenLocation();
                    if (at.getLineNr() > 0) {
                        keys.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(),
                                new SourceLocation(displayPath, at.getLineNr() + lineOffset, Math.max(at.getColumnNr(), 1)));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // The text parsed a moment ago; should it not now, findings fall back to value positions.
            return Map.of();
        }
        return Map.copyOf(keys);
    }

    private static void closeQuietly(JsonParser parser) {
        if (parser == null) {
            return;
        }
        try {
            parser.close();
        } catch (IOException | RuntimeException ignored) {
            // Nothing to release beyond a string reader; a close failure changes no result.
        }
    }
}
