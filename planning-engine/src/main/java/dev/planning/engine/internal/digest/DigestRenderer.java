package dev.planning.engine.internal.digest;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Iteration;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.reflect.MapObjectHandler;
import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.Shown;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a digest body from a Mustache template: the shipped {@code digest.md.mustache}, or a
 * user's. Mustache is logic-less, and the renderer resolves names in maps only (no method calls
 * on Java objects) and refuses partials ({@code {{> name}}}), so a template can place the digest's
 * figures but cannot run code or read files. Values are written as they are (Markdown, not HTML).
 *
 * <p>Mustache has no loops, but a section over a list nested in itself repeats the list's length
 * to the power of the nesting, so the work is bounded too: a template file of at most
 * {@value #MAX_TEMPLATE_BYTES} bytes, at most {@value #MAX_SECTION_PASSES} section passes, a body of
 * at most {@value #MAX_BODY_BYTES} bytes (UTF-8), and a template nested deeper than the stack
 * allows is refused, each with the template named (tenth review, {@code DigestTemplateAttackTest}).
 */
final class DigestRenderer {

    /** The largest template file read; the shipped one is about 4 KiB. */
    static final int MAX_TEMPLATE_BYTES = 1024 * 1024;

    /** Section passes (one per list element, true value or inverted section) one render may make. */
    static final long MAX_SECTION_PASSES = 1_000_000;

    /** The largest body written, in UTF-8 bytes: the digest is read back (8 MiB per file) with its front matter. */
    static final long MAX_BODY_BYTES = 4L * 1024 * 1024;

    /** The shipped template, as a classpath resource. */
    static final String DEFAULT_TEMPLATE = "dev/planning/engine/internal/digest/digest.md.mustache";

    private DigestRenderer() {
    }

    /** Renders the body with the given template text. */
    static String render(String template, String templateName, Map<String, Object> scope) {
        DefaultMustacheFactory factory = new DefaultMustacheFactory(name -> {
            throw new InvalidInputException("digest templates cannot include partials ({{> " + name
                    + "}}); put everything in one template", SourceLocation.ofFile(templateName));
        }) {
            // Values are Markdown, not HTML: plan text arrives escaped (Printable.markdown, "\\<"); any
            // other '<' that is not backslash-escaped must still not open raw HTML in a renderer that
            // allows it (MkDocs, Pandoc).
            @Override
            public void encode(String value, Writer writer) {
                try {
                    writer.write(unescapedAngles(value));
                } catch (IOException e) {
                    throw new MustacheException("cannot write", e);
                }
            }
        };
        factory.setObjectHandler(new CountingHandler(templateName));
        try {
            Mustache mustache = factory.compile(new StringReader(template), templateName);
            BoundedWriter out = new BoundedWriter(templateName);
            mustache.execute(out, scope);
            return out.toString();
        } catch (MustacheException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof InvalidInputException invalid) {
                    throw invalid;
                }
            }
            throw new InvalidInputException("the digest template is not valid Mustache: " + e.getMessage(),
                    SourceLocation.ofFile(templateName), e);
        } catch (StackOverflowError e) {
            throw new InvalidInputException("the digest template nests its sections too deeply to be rendered",
                    SourceLocation.ofFile(templateName));
        }
    }

    /** Names in maps only, and every section pass counted against {@link #MAX_SECTION_PASSES}. */
    private static final class CountingHandler extends MapObjectHandler {
        private final String templateName;
        private long passes;

        CountingHandler(String templateName) {
            this.templateName = templateName;
        }

        @Override
        public Writer iterate(Iteration iteration, Writer writer, Object object, List<Object> scopes) {
            return super.iterate(counted(iteration), writer, object, scopes);
        }

        @Override
        public Writer falsey(Iteration iteration, Writer writer, Object object, List<Object> scopes) {
            return super.falsey(counted(iteration), writer, object, scopes);
        }

        private Iteration counted(Iteration iteration) {
            return (writer, object, scopes) -> {
                if (++passes > MAX_SECTION_PASSES) {
                    throw new InvalidInputException("the digest template makes more than " + MAX_SECTION_PASSES
                            + " section passes (sections over lists nested in each other); nest fewer",
                            SourceLocation.ofFile(templateName));
                }
                return iteration.next(writer, object, scopes);
            };
        }
    }

    /** Collects the body, refusing it once it passes {@link #MAX_BODY_BYTES} bytes of UTF-8. */
    private static final class BoundedWriter extends Writer {
        private final StringBuilder body = new StringBuilder();
        private final String templateName;
        private long bytes;

        BoundedWriter(String templateName) {
            this.templateName = templateName;
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                char c = chars[i];
                // A surrogate pair is 4 bytes: 2 for each half.
                bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
            }
            if (bytes > MAX_BODY_BYTES) {
                throw new InvalidInputException("the digest template renders a body of more than " + MAX_BODY_BYTES
                        + " bytes; the digest would be too large to read back", SourceLocation.ofFile(templateName));
            }
            body.append(chars, offset, length);
        }

        @Override
        public void flush() {
            // Nothing is buffered beyond the body.
        }

        @Override
        public void close() {
            // Nothing to release.
        }

        @Override
        public String toString() {
            return body.toString();
        }
    }

    /** {@code value} with each {@code <} that is not backslash-escaped (odd run of {@code \\}) as {@code &lt;}. */
    static String unescapedAngles(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int backslashes = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '<' && backslashes % 2 == 0) {
                out.append("&lt;");
            } else {
                out.append(c);
            }
            backslashes = c == '\\' ? backslashes + 1 : 0;
        }
        return out.toString();
    }

    /** The template text: the user's file, or the shipped one. */
    static Template load(Optional<Path> file) {
        if (file.isPresent()) {
            Path path = file.get();
            String name = path.toString().replace('\\', '/');
            // Under a directory that may not be searched it is there but unreadable: refused as such, not "not found".
            if (!DirectoryEntries.attributesShown(path, name, "the digest cannot be rendered with it")
                    .map(BasicFileAttributes::isRegularFile).orElse(false)) {
                throw new InvalidInputException("digest template not found (expected a Mustache file)",
                        SourceLocation.ofFile(name));
            }
            try (InputStream in = Files.newInputStream(path)) {
                byte[] bytes = in.readNBytes(MAX_TEMPLATE_BYTES + 1);
                if (bytes.length > MAX_TEMPLATE_BYTES) {
                    throw new InvalidInputException("the digest template has more than " + MAX_TEMPLATE_BYTES
                            + " bytes; templates are limited to that", SourceLocation.ofFile(name));
                }
                return new Template(StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString(), name);
            } catch (CharacterCodingException e) {
                throw new InvalidInputException("the digest template is not UTF-8 text", SourceLocation.ofFile(name), e);
            } catch (IOException e) {
                throw new InvalidInputException("cannot read the digest template: " + Shown.why(e),
                        SourceLocation.ofFile(name), e);
            }
        }
        try (InputStream in = DigestRenderer.class.getClassLoader().getResourceAsStream(DEFAULT_TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULT_TEMPLATE);
            }
            return new Template(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT_TEMPLATE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULT_TEMPLATE, e);
        }
    }

    /** A template's text and the name errors use. */
    record Template(String text, String name) {
    }
}
