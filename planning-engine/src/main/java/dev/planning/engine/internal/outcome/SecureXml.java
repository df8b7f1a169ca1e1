package dev.planning.engine.internal.outcome;

import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.engine.internal.document.YamlDocuments;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * StAX readers for untrusted report files: DTDs are not processed and external entities are never
 * resolved (no XXE, no billion laughs, no network), while a {@code <!DOCTYPE>} line such as
 * JaCoCo's is tolerated. StAX keeps the position of each event, so errors name a line.
 */
public final class SecureXml {

    private static final XMLInputFactory FACTORY = factory();

    /** How deep elements may nest (a JUnit or JaCoCo report nests a few levels). */
    static final int MAX_DEPTH = 64;

    private SecureXml() {
    }

    /**
     * A reader over the bytes; the caller closes it.
     *
     * @throws InvalidInputException when the bytes cannot be opened as XML
     */
    public static XMLStreamReader open(byte[] content, String displayPath) {
        if (declaresUtf8(content)) {
            // The JDK's parser prints "[Fatal Error] :-1:-1: Invalid byte ..." to the standard error on a bad
            // UTF-8 byte, besides the exception: refused here first, at its line and column, with nothing printed.
            YamlDocuments.decodeUtf8(content, displayPath);
        }
        try {
            return FACTORY.createXMLStreamReader(new ByteArrayInputStream(content));
        } catch (XMLStreamException e) {
            throw malformed(e, displayPath);
        }
    }

    private static final Pattern DECLARED_ENCODING = Pattern.compile(
            "^(?:\uFEFF)?<\\?xml[^>]*?\\sencoding\\s*=\\s*[\"']([^\"']*)[\"']");

    /**
     * Whether the document is UTF-8 by its declaration: it declares UTF-8, or no encoding and starts with no
     * UTF-16 or UTF-32 byte-order mark or zero byte (XML's default is then UTF-8).
     */
    static boolean declaresUtf8(byte[] content) {
        if (content.length >= 2 && (content[0] == 0 || content[1] == 0 || (content[0] & 0xFF) == 0xFE
                || (content[0] & 0xFF) == 0xFF)) {
            return false;
        }
        String head = new String(content, 0, Math.min(content.length, 256), StandardCharsets.ISO_8859_1)
                .replace("\u00EF\u00BB\u00BF", "\uFEFF");
        Matcher declared = DECLARED_ENCODING.matcher(head);
        return !declared.find() || declared.group(1).strip().equalsIgnoreCase("UTF-8")
                || declared.group(1).strip().equalsIgnoreCase("UTF8");
    }

    /** The name of the document's root element; the reader is left on it. */
    public static String rootElement(XMLStreamReader reader, String displayPath) {
        try {
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamReader.START_ELEMENT) {
                    return reader.getLocalName();
                }
            }
        } catch (XMLStreamException e) {
            throw malformed(e, displayPath);
        }
        throw new InvalidInputException("the XML document has no root element", SourceLocation.ofFile(displayPath));
    }

    /**
     * Refuses an element nested deeper than {@link #MAX_DEPTH}: the parser and the readers keep one
     * entry per open element, so a file of start tags alone would hold millions.
     *
     * @throws InvalidInputException located at the element, when {@code depth} is past the bound
     */
    public static void requireDepth(int depth, XMLStreamReader reader, String displayPath) {
        if (depth > MAX_DEPTH) {
            throw new InvalidInputException("elements nested more than " + MAX_DEPTH + " deep; a test or coverage"
                    + " report nests a few levels", locate(reader.getLocation(), displayPath));
        }
    }

    /** A located error for a parse failure (truncated or malformed XML). */
    public static InvalidInputException malformed(XMLStreamException e, String displayPath) {
        // Not the cause: its message quotes the file's names in full.
        return new InvalidInputException("malformed XML (truncated or partial report?): " + reason(e),
                locate(e.getLocation(), displayPath));
    }

    /** A name or value the parser's message quotes, between double quotes. */
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    /** How much of a quoted name a message shows. */
    static final int QUOTED_SHOWN = 24;

    /**
     * The parser's reason, without the JDK's "ParseError at [row,col]:[r,c]\nMessage: " prefix (the location is
     * reported apart), on one line, each name or value it quotes cut to {@value #QUOTED_SHOWN} characters and
     * escaped: the file may be no report at all, and a long name is a long excerpt of it (outcome27).
     */
    static String reason(XMLStreamException e) {
        String message = e.getMessage() == null ? "malformed XML" : e.getMessage();
        int cut = message.indexOf("Message: ");
        String reason = (cut >= 0 ? message.substring(cut + "Message: ".length()) : message).strip();
        Matcher quoted = QUOTED.matcher(reason);
        StringBuilder shown = new StringBuilder();
        while (quoted.find()) {
            String text = quoted.group(1);
            String excerpt = text.codePointCount(0, text.length()) <= QUOTED_SHOWN ? text
                    : text.substring(0, text.offsetByCodePoints(0, QUOTED_SHOWN)) + "...";
            quoted.appendReplacement(shown, Matcher.quoteReplacement("\"" + Printable.line(excerpt) + "\""));
        }
        quoted.appendTail(shown);
        return Printable.line(shown.toString());
    }

    /** A location for a StAX position, or the file alone when the parser knows none. */
    public static SourceLocation locate(Location location, String displayPath) {
        if (location == null || location.getLineNumber() < 1) {
            return SourceLocation.ofFile(displayPath);
        }
        return new SourceLocation(displayPath, location.getLineNumber(), Math.max(location.getColumnNumber(), 0));
    }

    /**
     * The JDK's own StAX parser, whatever a system property, {@code stax.properties} or the class path
     * names (an embedder's Woodstox, say): these settings are known to hold for it. The one hardened factory:
     * {@link JacocoXml} uses it too (fold25 dropped its copy).
     */
    static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resource refused: " + systemId);
        });
        return factory;
    }
}
