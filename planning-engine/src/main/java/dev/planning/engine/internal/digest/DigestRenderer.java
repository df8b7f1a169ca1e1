package dev.planning.engine.internal.digest;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.reflect.MapObjectHandler;
import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a digest body from a Mustache template: the shipped {@code digest.md.mustache}, or a
 * user's. Mustache is logic-less, and the renderer resolves names in maps only (no method calls
 * on Java objects) and refuses partials ({@code {{> name}}}), so a template can place the digest's
 * figures but cannot run code or read files. Values are written as they are (Markdown, not HTML).
 */
final class DigestRenderer {

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
            // Values are Markdown, not HTML: plan text arrives escaped (MarkdownText, "\\<"); any
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
        factory.setObjectHandler(new MapObjectHandler());
        try {
            Mustache mustache = factory.compile(new StringReader(template), templateName);
            StringWriter out = new StringWriter();
            mustache.execute(out, scope);
            return out.toString();
        } catch (MustacheException e) {
            if (e.getCause() instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw new InvalidInputException("the digest template is not valid Mustache: " + e.getMessage(),
                    SourceLocation.ofFile(templateName), e);
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
            if (!Files.isRegularFile(path)) {
                throw new InvalidInputException("digest template not found (expected a Mustache file)",
                        SourceLocation.ofFile(name));
            }
            try {
                return new Template(Files.readString(path, StandardCharsets.UTF_8), name);
            } catch (IOException e) {
                throw new InvalidInputException("cannot read the digest template: " + e.getMessage(),
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
