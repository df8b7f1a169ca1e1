package dev.planning.engine.internal.outcome;

import dev.planning.api.SourceLocation;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.Location;

/**
 * Where a start tag and its attribute values stand in a report's text. The JDK's StAX reader locates an
 * event where it ends (a start tag just past its {@code >}), so a mistake in an attribute would be named
 * at the end of its tag, maybe lines below it; here the tag is found again in the text and the
 * attribute's value located. Line and column are the parser's (a line ends at LF, CR LF or CR); the
 * column counts code points from 1, as the YAML readers' do. The text is decoded once, on the first
 * mistake (a good report costs nothing); whatever cannot be found again is named where StAX put it.
 */
final class XmlPlaces {

    private final byte[] content;
    private final String encoding;
    private final String displayPath;
    private String text;
    private int[] lineStarts;

    /**
     * @param encoding the document's encoding as the parser read it ({@code XMLStreamReader#getEncoding}),
     *                 or null for UTF-8
     */
    XmlPlaces(byte[] content, String encoding, String displayPath) {
        this.content = content;
        this.encoding = encoding;
        this.displayPath = displayPath;
    }

    /**
     * Where the parser ended an event, kept: the reader's {@link Location} is not promised to be a copy.
     *
     * @param line   from 1, or less when unknown
     * @param column from 1 in UTF-16 units, as the JDK's parser counts, or less when unknown
     */
    record End(int line, int column) {

        static End of(Location location) {
            return location == null ? new End(-1, -1) : new End(location.getLineNumber(), location.getColumnNumber());
        }
    }

    /** {@link #attribute(End, String)} for the event the reader stands on. */
    SourceLocation attribute(Location endOfTag, String attribute) {
        return attribute(End.of(endOfTag), attribute);
    }

    /**
     * The place of the value of {@code attribute} in the start tag the parser ended at {@code endOfTag}
     * (the first character after its opening quote), or of the tag's {@code <} when the tag has no such
     * attribute or {@code attribute} is null.
     */
    SourceLocation attribute(End endOfTag, String attribute) {
        int end = index(endOfTag);
        // An attribute value never holds '<' (XML forbids it), so the last one before the '>' opens the tag.
        int open = end < 1 || text.charAt(end - 1) != '>' ? -1 : text.lastIndexOf('<', end - 1);
        if (open < 0) {
            return stax(endOfTag);
        }
        int value = attribute == null ? -1 : valueIndex(open, end - 1, attribute);
        return place(value >= 0 ? value : open);
    }

    /** The place of the last {@code c} before where the parser ended an event (the {@code &} of an entity reference). */
    SourceLocation last(char c, Location endOfEvent) {
        End end = End.of(endOfEvent);
        int index = index(end);
        int at = index < 1 ? -1 : text.lastIndexOf(c, index - 1);
        return at < 0 ? stax(end) : place(at);
    }

    private SourceLocation stax(End end) {
        return end.line() < 1 ? SourceLocation.ofFile(displayPath)
                : new SourceLocation(displayPath, end.line(), Math.max(end.column(), 0));
    }

    /** The index of the first character of the attribute's value in the tag {@code text[open..close]}, or -1. */
    private int valueIndex(int open, int close, String attribute) {
        int i = open + 1;
        while (i < close && !isSpace(text.charAt(i)) && text.charAt(i) != '/') {
            i++;
        }
        while (i < close) {
            while (i < close && isSpace(text.charAt(i))) {
                i++;
            }
            int nameStart = i;
            while (i < close && text.charAt(i) != '=' && !isSpace(text.charAt(i)) && text.charAt(i) != '/') {
                i++;
            }
            String name = text.substring(nameStart, i);
            while (i < close && isSpace(text.charAt(i))) {
                i++;
            }
            if (i >= close || text.charAt(i) != '=') {
                return -1; // "/>" or something the parser would not have passed
            }
            i++;
            while (i < close && isSpace(text.charAt(i))) {
                i++;
            }
            if (i >= close) {
                return -1;
            }
            char quote = text.charAt(i);
            int closing = text.indexOf(quote, i + 1);
            if (closing < 0 || closing > close) {
                return -1;
            }
            // A prefixed name (xsi:type) is another attribute than the plain one asked for.
            if (name.equals(attribute)) {
                return i + 1;
            }
            i = closing + 1;
        }
        return -1;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** The index in the text of a StAX location (its column counts UTF-16 units), or -1. */
    private int index(End end) {
        if (end.line() < 1 || end.column() < 1 || !decoded()) {
            return -1;
        }
        int line = end.line() - 1;
        if (line >= lineStarts.length) {
            return -1;
        }
        int index = lineStarts[line] + end.column() - 1;
        int next = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length();
        return index <= next ? index : -1;
    }

    private SourceLocation place(int index) {
        int line = lineOf(index);
        int column = text.codePointCount(lineStarts[line], index) + 1;
        return new SourceLocation(displayPath, line + 1, column);
    }

    private int lineOf(int index) {
        int low = 0;
        int high = lineStarts.length - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (lineStarts[middle] <= index) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    private boolean decoded() {
        if (text != null) {
            return true;
        }
        String decoding;
        try {
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            decoding = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException | IllegalArgumentException e) {
            return false; // named where StAX put it
        }
        // The parser counts no byte-order mark.
        text = decoding.startsWith("\uFEFF") ? decoding.substring(1) : decoding;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                starts.add(i + 1);
            }
        }
        lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        return true;
    }
}
