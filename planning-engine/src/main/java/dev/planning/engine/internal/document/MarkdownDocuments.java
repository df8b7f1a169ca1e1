package dev.planning.engine.internal.document;

import dev.planning.api.DocumentException;
import dev.planning.api.SourceLocation;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.commonmark.ext.front.matter.YamlFrontMatterBlock;
import org.commonmark.ext.front.matter.YamlFrontMatterExtension;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Reads Markdown files that carry YAML front matter (story maps, digests).
 *
 * <p>commonmark finds the front matter block and where it ends; the YAML inside is parsed by the
 * same hardened reader as {@link YamlDocuments}, with line numbers counted in the Markdown file.
 * A file that does not start with {@code ---}, or whose front matter is never closed by a second
 * {@code ---} line, is refused with a located {@link DocumentException}.
 *
 * <p>Thread-safe.
 */
public final class MarkdownDocuments {

    /**
     * Blocks only: the front matter block is all that is used (the body is kept as text), and
     * commonmark's inline parsing takes time quadratic in some bodies (a few hundred kilobytes of
     * unclosed {@code <a} tags ran past a minute), so inline content is left unparsed.
     */
    static final Parser PARSER = Parser.builder()
            .extensions(List.of(YamlFrontMatterExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS)
            .inlineParserFactory(context -> (lines, node) -> { })
            .build();

    /**
     * The front-matter extension's own patterns (commonmark 0.25, {@code YamlFrontMatterBlockParser}):
     * its block starts at a first line matching {@code BEGIN} and takes every later line up to and
     * including the first that matches {@code END}, whatever the lines between hold.
     */
    private static final Pattern BEGIN = Pattern.compile("^-{3}(\\s.*)?");
    private static final Pattern END = Pattern.compile("^(-{3}|\\.{3})(\\s.*)?");

    private MarkdownDocuments() {
    }

    /**
     * Reads a Markdown file and parses its front matter.
     *
     * @param file        the file to read
     * @param displayPath how findings and errors name it
     * @throws DocumentException when the file cannot be read or its front matter is missing or invalid
     */
    public static MarkdownDocument read(Path file, String displayPath) {
        return parse(StrictText.readBytes(file, displayPath, YamlDocuments.MAX_BYTES), displayPath);
    }

    /**
     * Parses Markdown bytes with front matter.
     *
     * @throws DocumentException when the front matter is missing or invalid
     */
    public static MarkdownDocument parse(byte[] content, String displayPath) {
        if (content.length > YamlDocuments.MAX_BYTES) {
            throw StrictText.tooLarge(content.length, YamlDocuments.MAX_BYTES, SourceLocation.ofFile(displayPath));
        }
        String text = StrictText.decode(content, displayPath);
        Node first;
        try {
            first = PARSER.parse(frontMatterPart(text)).getFirstChild();
        } catch (RuntimeException e) {
            // commonmark's front-matter extension scans the YAML itself and can fail on odd quoting
            // (a line holding only a quote): that is input it cannot read, not an internal error.
            // Said in the user's terms: a Java class name tells a planner nothing (errors18).
            throw new DocumentException(DocumentException.FRONT_MATTER, "the front matter cannot be read; expected"
                    + " a line `---`, YAML with balanced quotes, then a line `---`", new SourceLocation(displayPath, 1, 1));
        }
        if (!(first instanceof YamlFrontMatterBlock block)) {
            throw new DocumentException(DocumentException.FRONT_MATTER,
                    "expected YAML front matter: the file must start with a line `---`, then the YAML,"
                            + " then a closing line `---`", new SourceLocation(displayPath, 1, 1));
        }
        List<SourceSpan> spans = block.getSourceSpans();
        SourceSpan closing = spans.get(spans.size() - 1);
        if (spans.size() < 2 || !isFence(text, closing)) {
            throw new DocumentException(DocumentException.FRONT_MATTER,
                    "the front matter opened by `---` on line 1 is never closed: expected a line `---`"
                            + " after the YAML and before the Markdown", new SourceLocation(displayPath, 1, 1));
        }
        if (fenceLine(text, closing).equals("...")) {
            // YAML's document end: commonmark (and Jekyll) close the front matter there, but a reader of
            // the raw file who sees more YAML-like lines up to a later `---` takes them for front matter
            // too (a story the gates never see). One closing form, which every reader agrees on.
            throw new DocumentException(DocumentException.FRONT_MATTER, "the front matter is closed by `...` on line "
                    + (closing.getLineIndex() + 1) + "; close it with a line `---`, which every reader takes for its end",
                    new SourceLocation(displayPath, closing.getLineIndex() + 1, 1));
        }
        int yamlStart = spans.size() > 2 ? spans.get(1).getInputIndex() : closing.getInputIndex();
        String yaml = text.substring(yamlStart, closing.getInputIndex());
        LocatedDocument frontMatter = YamlDocuments.parseText(yaml, displayPath, spans.get(0).getLineIndex() + 1);
        int bodyStart = skipLineBreak(text, closing.getInputIndex() + closing.getLength());
        return new MarkdownDocument(frontMatter, text.substring(bodyStart), closing.getLineIndex() + 2);
    }

    /**
     * The text commonmark needs to find the front matter: up to the end of the line that closes it
     * (the whole text when none does), or only the first line when that opens none. What follows is
     * the body, which is kept as text: block parsing takes time quadratic in some bodies too (100,000
     * nested list markers, 200 KB, took 44 s), and the blocks before a line are parsed the same
     * whatever follows it, so the front matter found is the one the whole text gives. Lines end as
     * commonmark ends them: at {@code \n}, {@code \r\n} or {@code \r}.
     */
    static String frontMatterPart(String text) {
        int end = lineEnd(text, 0);
        if (!BEGIN.matcher(text.substring(0, end)).matches()) {
            return text.substring(0, end);
        }
        int start = skipLineBreak(text, end);
        while (start < text.length()) {
            end = lineEnd(text, start);
            if (END.matcher(text.substring(start, end)).matches()) {
                return text.substring(0, end);
            }
            start = skipLineBreak(text, end);
        }
        return text;
    }

    private static int lineEnd(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    private static boolean isFence(String text, SourceSpan span) {
        String line = fenceLine(text, span);
        return line.equals("---") || line.equals("...");
    }

    private static String fenceLine(String text, SourceSpan span) {
        return text.substring(span.getInputIndex(), span.getInputIndex() + span.getLength()).strip();
    }

    private static int skipLineBreak(String text, int index) {
        if (index < text.length() && text.charAt(index) == '\r') {
            index++;
        }
        if (index < text.length() && text.charAt(index) == '\n') {
            index++;
        }
        return index;
    }
}
