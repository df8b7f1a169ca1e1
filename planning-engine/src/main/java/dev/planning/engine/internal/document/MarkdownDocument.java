package dev.planning.engine.internal.document;

import java.util.Objects;

/**
 * A Markdown file with YAML front matter: the front matter as a {@link LocatedDocument} whose
 * positions are lines of the Markdown file, and the Markdown body that follows it.
 *
 * @param frontMatter the parsed front matter, never {@code null}
 * @param body        the Markdown after the closing {@code ---}, as written
 * @param bodyLine    the 1-based line of the file where the body starts
 */
public record MarkdownDocument(LocatedDocument frontMatter, String body, int bodyLine) {

    public MarkdownDocument {
        Objects.requireNonNull(frontMatter, "frontMatter");
        Objects.requireNonNull(body, "body");
    }

    /** The display path of the file. */
    public String file() {
        return frontMatter.file();
    }
}
